namespace ForecastService.Trainer.Commands;

/// <summary>How a training run behaves, as opposed to what it trains (<see cref="TrainConfig"/>); not saved with the model.</summary>
internal sealed record TrainRunSettings(bool Quiet, bool DryRun, bool Force);
