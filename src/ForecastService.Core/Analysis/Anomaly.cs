namespace ForecastService.Core.Analysis;

/// <summary>An observation outside its forecast interval.</summary>
/// <param name="Timestamp">When it was observed.</param>
/// <param name="Value">The observation.</param>
/// <param name="Median">The forecast median for it.</param>
/// <param name="Lower">The lower bound of the level's interval.</param>
/// <param name="Upper">The upper bound.</param>
/// <param name="Score">The distance outside the interval divided by (upper − lower); above 0.</param>
/// <param name="Direction"><c>above</c> the interval or <c>below</c> it.</param>
public sealed record Anomaly(string Timestamp, double Value, float Median, float Lower, float Upper, double Score, string Direction)
{
    public const string Above = "above";
    public const string Below = "below";
}
