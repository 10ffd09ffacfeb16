namespace ForecastService.Core.Analysis;

/// <summary>The anomaly scan of one series.</summary>
/// <param name="Id">The series id from the request.</param>
/// <param name="Checked">Observations checked: all but the first lookback + step − 1.</param>
/// <param name="Points">Every checked observation, oldest first.</param>
/// <param name="Anomalies">The checked observations outside their interval, oldest first.</param>
public sealed record SeriesAnomalies(string Id, int Checked, IReadOnlyList<AnomalyPoint> Points, IReadOnlyList<Anomaly> Anomalies);
