namespace ForecastService.Trainer.Evaluation;

/// <summary>The stacked recurrent state of a batch of streams, [layers, batch, hidden] each.</summary>
/// <param name="Hidden">Every layer's hidden state.</param>
/// <param name="Cell">Every layer's cell state; LSTM only, else null.</param>
/// <param name="Window">[batch, lookback] the last observations, for step models anchored on the window; else null.</param>
internal sealed record RecurrentState(float[] Hidden, float[]? Cell, float[]? Window = null);
