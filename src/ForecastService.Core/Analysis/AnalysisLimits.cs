namespace ForecastService.Core.Analysis;

/// <summary>Upper bounds on one backtest or anomaly scan, so one request cannot take the model for minutes.</summary>
/// <param name="MaxWindows">Backtest windows per series; more is a wrong request (400).</param>
/// <param name="MaxModelWindows">Model windows a whole request may run (all series, all origins or checked points); more is too large (413).</param>
public sealed record AnalysisLimits(int MaxWindows, int MaxModelWindows)
{
    public static AnalysisLimits Default { get; } = new(1_000, 50_000);
}
