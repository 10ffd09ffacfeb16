namespace ForecastService.Core.Analysis;

/// <summary>One checked observation and the forecast it was checked against.</summary>
/// <param name="Timestamp">When it was observed.</param>
/// <param name="Value">The observation.</param>
/// <param name="Median">The forecast median for it.</param>
/// <param name="Lower">The lower bound of the level's interval.</param>
/// <param name="Upper">The upper bound.</param>
/// <param name="Score">0 inside the interval, else the distance outside divided by (upper − lower).</param>
public sealed record AnomalyPoint(string Timestamp, double Value, float Median, float Lower, float Upper, double Score);
