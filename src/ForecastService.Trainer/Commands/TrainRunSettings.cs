namespace ForecastService.Trainer.Commands;

/// <summary>How a training run behaves, as opposed to what it trains (<see cref="TrainConfig"/>); not saved with the model.</summary>
/// <param name="Quiet">Plain progress lines instead of the live display.</param>
/// <param name="DryRun">Check configuration and data, write nothing.</param>
/// <param name="Force">Replace an existing model folder.</param>
/// <param name="AllowWorseThanBaseline">Write a model that loses to naive or seasonal naive on its held-out windows (its card says so).</param>
internal sealed record TrainRunSettings(bool Quiet, bool DryRun, bool Force, bool AllowWorseThanBaseline = false);
