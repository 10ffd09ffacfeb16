using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>
/// The body of <c>POST /v1/models/{name}/backtest</c>: a rolling-origin evaluation of the model on your own history.
/// Origin k of <c>windows</c> is n − horizon − (windows − 1 − k) · step; the model sees only the lookback points
/// before each origin and is scored on the horizon points after it, next to seasonal naive on the same origins.
/// </summary>
public sealed record BacktestRequest
{
    /// <summary>Origins per series. Omit it for 10.</summary>
    /// <example>10</example>
    public int? Windows { get; init; }

    /// <summary>Steps between consecutive origins. Omit it for the horizon (windows that do not overlap).</summary>
    /// <example>24</example>
    public int? Step { get; init; }

    /// <summary>Steps scored after each origin, 1 to the model's horizon. Omit it for the model's horizon.</summary>
    public int? Horizon { get; init; }

    /// <summary>
    /// The central interval (percent) whose coverage and width are reported, one the model's quantiles allow. Omit it
    /// for 80 when the model has it, else its widest.
    /// </summary>
    /// <example>80</example>
    public double? Level { get; init; }

    /// <summary>The histories to evaluate on, same shape as a forecast request's series; each needs at least lookback + horizon + (windows − 1) · step points.</summary>
    public SeriesInput[]? Series { get; init; }
}
