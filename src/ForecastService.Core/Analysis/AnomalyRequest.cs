using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>
/// The body of <c>POST /v1/models/{name}/anomalies</c>: every observation that has lookback + step − 1 points before it
/// is compared with the model's step-ahead forecast from the window ending step points earlier, and flagged when it
/// falls outside the forecast's central interval.
/// </summary>
public sealed record AnomalyRequest
{
    /// <summary>The central interval (percent) an observation must fall inside. Omit it for 99 when the model's quantiles allow it, else its widest.</summary>
    /// <example>90</example>
    public double? Level { get; init; }

    /// <summary>How far ahead each check forecasts, 1 (one-step-ahead) to the model's horizon. Omit it for 1.</summary>
    /// <example>1</example>
    public int? Step { get; init; }

    /// <summary>The histories to scan, same shape as a forecast request's series; each needs at least lookback + step points.</summary>
    public SeriesInput[]? Series { get; init; }
}
