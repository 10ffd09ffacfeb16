namespace ForecastService.Core.Analysis;

/// <summary>The answer to an anomaly scan.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Version">The model version that ran.</param>
/// <param name="Level">The interval level observations were checked against.</param>
/// <param name="Step">How far ahead each check forecast.</param>
/// <param name="Series">One entry per requested series, in request order.</param>
public sealed record AnomalyResponse(string Model, int Version, double Level, int Step, IReadOnlyList<SeriesAnomalies> Series);
