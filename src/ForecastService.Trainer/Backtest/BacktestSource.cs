namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// A series named by the kit or the data file, read only when its turn comes, so a series whose file is broken is
/// reported NOT SCORED while the others still run.
/// </summary>
internal sealed record BacktestSource(string Id, Func<BacktestSeries> Load);
