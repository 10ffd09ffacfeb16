namespace ForecastService.Core.Analysis;

/// <summary>The model's accuracy next to seasonal naive's on the same origins.</summary>
/// <param name="Model">The model: its median and the level's quantile band.</param>
/// <param name="SeasonalNaive">Seasonal naive from the same lookback window, with empirical intervals of that window's seasonal differences.</param>
public sealed record BacktestComparison(AccuracyMetrics Model, AccuracyMetrics SeasonalNaive);
