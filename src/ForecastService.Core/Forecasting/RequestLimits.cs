namespace ForecastService.Core.Forecasting;

/// <summary>Upper bounds on one forecast call, so one request cannot take the service's memory or CPU.</summary>
/// <param name="MaxSeries">Series per request.</param>
/// <param name="MaxPointsPerSeries">Values (and timestamps) per series.</param>
/// <param name="MaxTotalPoints">Values over all series of one request.</param>
public sealed record RequestLimits(int MaxSeries, int MaxPointsPerSeries, int MaxTotalPoints)
{
    public static RequestLimits Default { get; } = new(1_000, 100_000, 2_000_000);
}
