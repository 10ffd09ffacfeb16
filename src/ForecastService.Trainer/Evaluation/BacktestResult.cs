using ForecastService.Core.Models;

namespace ForecastService.Trainer.Evaluation;

/// <summary>Metrics over all windows, and per series.</summary>
internal sealed record BacktestResult(HeldOutMetrics Overall, IReadOnlyDictionary<string, HeldOutMetrics> BySeries);
