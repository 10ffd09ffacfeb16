namespace ForecastService.Core.Forecasting;

/// <summary>Upper bounds on one forecast call, so one request cannot take the service's memory or CPU.</summary>
/// <param name="MaxSeries">Series per request.</param>
/// <param name="MaxPointsPerSeries">Values (and timestamps) per series.</param>
/// <param name="MaxTotalPoints">Values over all series of one request.</param>
public sealed record RequestLimits(int MaxSeries, int MaxPointsPerSeries, int MaxTotalPoints)
{
    public static RequestLimits Default { get; } = new(1_000, 100_000, 2_000_000);

    /// <summary>Entries in <c>levels</c>; a longer list is refused before anything is de-duplicated or computed.</summary>
    public int MaxLevels { get; init; } = 16;

    /// <summary>
    /// Numbers one answer may carry: series × horizon × (median + quantiles + two bounds per level + timestamp). Bounds
    /// what a small request can make the service compute and send back.
    /// </summary>
    public int MaxResponseValues { get; init; } = 2_000_000;
}
