namespace ForecastService.Trainer.Nn;

/// <summary>The recurrent cell of every encoder layer; each maps to the ONNX operator of the same name.</summary>
public enum CellType
{
    /// <summary>Long short-term memory (ONNX <c>LSTM</c>, gate order i, o, f, c).</summary>
    Lstm,

    /// <summary>Gated recurrent unit (ONNX <c>GRU</c>, gate order z, r, h, <c>linear_before_reset=1</c>).</summary>
    Gru,

    /// <summary>Plain tanh recurrent layer (ONNX <c>RNN</c>), the baseline.</summary>
    Rnn,
}
