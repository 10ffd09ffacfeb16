namespace ForecastService.Inference;

/// <summary>
/// The recurrent state of one or more streams after some steps: every layer's hidden state, and for an LSTM its cell
/// state, each row-major [layers, rows, hidden]. Immutable once built: a run writes a new one, so a failed run leaves
/// a stream's state as it was.
/// </summary>
/// <param name="Hidden">Every layer's hidden state.</param>
/// <param name="Cell">Every layer's cell state; null for GRU and RNN cells.</param>
/// <param name="Window">[rows, lookback]: the last lookback observations, for step models anchored on the whole window; else null.</param>
public sealed record StepState(float[] Hidden, float[]? Cell, float[]? Window = null);
