namespace ForecastService.Core.Forecasting;

/// <summary>One observed series: values, oldest first, with either one timestamp per value or the first timestamp.</summary>
public sealed record SeriesInput
{
    /// <summary>Your name for the series, echoed in the answer. Defaults to its position in <c>series</c>.</summary>
    /// <example>meter-17</example>
    public string? Id { get; init; }

    /// <summary>ISO-8601 timestamps, one per value, ascending, spaced at the model's frequency.</summary>
    public string[]? Timestamps { get; init; }

    /// <summary>Instead of <c>timestamps</c>: the first timestamp of a regular series at the model's frequency.</summary>
    /// <example>2026-03-01T00:00:00Z</example>
    public string? Start { get; init; }

    /// <summary>
    /// Observed values, oldest first; finite numbers only (no null, NaN or Infinity), each within the model's range of
    /// ±√(float max / (4 × lookback)) (about ±1.2e18 for a lookback of 56) that its 32-bit scaling takes.
    /// </summary>
    public double?[]? Values { get; init; }
}
