namespace ForecastService.Trainer.Nn;

/// <summary>
/// Offsets of every tensor in the network's single flat parameter vector. One vector makes Adam, clipping,
/// gradient reduction and best-weight snapshots plain loops, and each tensor is stored in the layout its ONNX
/// initializer needs (recurrent W, R, B per the ONNX operator; dense weights [out, in] for <c>Gemm</c> with transB=1).
/// </summary>
internal sealed class ParameterLayout
{
    public ParameterLayout(NetworkConfig config)
    {
        var h = config.HiddenSize;
        var gates = GatesPerUnit(config.Cell) * h;
        var layers = new RecurrentLayerSlots[config.Layers];
        var offset = 0;
        for (var l = 0; l < layers.Length; l++)
        {
            var input = l == 0 ? config.InputSize : h;
            var w = offset;
            var r = w + (gates * input);
            var b = r + (gates * h);
            offset = b + (2 * gates);
            layers[l] = new RecurrentLayerSlots(input, gates, w, r, b);
        }

        Layers = layers;
        HeadInput = config.HeadInputSize;
        HeadHidden = config.HeadHiddenSize;
        HeadOutput = config.Horizon * config.QuantileCount;
        if (HeadHidden > 0)
        {
            HiddenWeight = offset;
            HiddenBias = HiddenWeight + (HeadHidden * HeadInput);
            offset = HiddenBias + HeadHidden;
        }

        OutputWeight = offset;
        OutputBias = OutputWeight + (HeadOutput * OutputInput);
        Count = OutputBias + HeadOutput;
    }

    public IReadOnlyList<RecurrentLayerSlots> Layers { get; }

    public int HeadInput { get; }

    public int HeadHidden { get; }

    public int HeadOutput { get; }

    /// <summary>Input width of the output layer: the hidden ReLU layer's width, or the head input without it.</summary>
    public int OutputInput => HeadHidden > 0 ? HeadHidden : HeadInput;

    /// <summary>Offset of the hidden layer's weight [HeadHidden, HeadInput]; unused when HeadHidden is 0.</summary>
    public int HiddenWeight { get; }

    public int HiddenBias { get; }

    /// <summary>Offset of the output weight [H·Q, OutputInput].</summary>
    public int OutputWeight { get; }

    public int OutputBias { get; }

    public int Count { get; }

    public static int GatesPerUnit(CellType cell) => cell switch
    {
        CellType.Lstm => 4,
        CellType.Gru => 3,
        CellType.Rnn => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown cell type."),
    };
}
