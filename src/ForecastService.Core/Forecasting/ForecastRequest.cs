namespace ForecastService.Core.Forecasting;

/// <summary>The body of <c>POST /v1/models/{name}/forecast</c>: one or more series to forecast in one batch.</summary>
public sealed record ForecastRequest
{
    /// <summary>Steps to forecast, 1 to the model's horizon. Omit it to get the model's full horizon.</summary>
    /// <example>24</example>
    public int? Horizon { get; init; }

    /// <summary>
    /// Central prediction-interval levels in percent, e.g. 80 for the 0.1–0.9 quantile band. Omit it to get every level
    /// the model's quantiles allow; send <c>[]</c> for none. Each level is answered once, however often it is listed;
    /// at most <c>RequestLimits:MaxLevels</c> entries (default 16).
    /// </summary>
    public double[]? Levels { get; init; }

    /// <summary>The series to forecast; each needs at least the model's lookback of points (the last lookback are used).</summary>
    public SeriesInput[]? Series { get; init; }
}
