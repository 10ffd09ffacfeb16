namespace ForecastService.Core.Analysis;

/// <summary>The backtest of one series.</summary>
/// <param name="Id">The series id from the request.</param>
/// <param name="Windows">Origins scored.</param>
/// <param name="Model">The model's accuracy.</param>
/// <param name="SeasonalNaive">Seasonal naive's accuracy on the same origins.</param>
public sealed record SeriesBacktest(string Id, int Windows, AccuracyMetrics Model, AccuracyMetrics SeasonalNaive);
