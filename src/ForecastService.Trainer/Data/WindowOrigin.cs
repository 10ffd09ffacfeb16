namespace ForecastService.Trainer.Data;

/// <summary>
/// One forecasting window: series <see cref="Series"/>, inputs at indices [Origin − lookback, Origin), targets at
/// [Origin, Origin + horizon).
/// </summary>
public readonly record struct WindowOrigin(int Series, int Origin);
