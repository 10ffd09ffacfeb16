namespace ForecastService.Trainer.Export;

/// <summary>Graph names of the stacked recurrent state [S, batch, N] going into and out of a step graph.</summary>
/// <param name="HiddenIn">Every layer's hidden state before the new steps.</param>
/// <param name="CellIn">Every layer's cell state before the new steps; LSTM only, else null.</param>
/// <param name="HiddenOut">Every layer's hidden state after the new steps.</param>
/// <param name="CellOut">Every layer's cell state after the new steps; LSTM only, else null.</param>
internal readonly record struct RecurrentStateNames(string HiddenIn, string? CellIn, string HiddenOut, string? CellOut);
