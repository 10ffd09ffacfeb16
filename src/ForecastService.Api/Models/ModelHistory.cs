using System.Text.Json;
using ForecastService.Api.Json;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Core.Time;

namespace ForecastService.Api.Models;

/// <summary>
/// A held-out stretch of one real series from the model's <c>history.json</c> (models/README.md): used for ready
/// Swagger examples (the first lookback points to warm a stream, the next few as observations).
/// </summary>
/// <param name="Id">The series id.</param>
/// <param name="Timestamps">One ISO-8601 timestamp per value, one step apart.</param>
/// <param name="Values">The observations, oldest first.</param>
internal sealed record ModelHistory(string Id, string[] Timestamps, double[] Values)
{
    /// <summary>Reads the history beside a model, or null when it is absent or unusable (older models have none).</summary>
    public static ModelHistory? Read(string directory, ModelSignature signature)
    {
        var path = Path.Combine(directory, ModelContract.HistoryFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var request = JsonSerializer.Deserialize(File.ReadAllText(path), ForecastJsonContext.Default.ForecastRequest);
            if (request?.Series is not [{ Values: { } values } series, ..] || values.Length <= signature.Lookback || values.Any(v => v is not { } x || !double.IsFinite(x)))
            {
                return null;
            }

            var timestamps = series.Timestamps;
            if (timestamps is null && series.Start is { } start && Core.Time.Timestamps.TryParse(start, out var first))
            {
                timestamps = new string[values.Length];
                for (var t = 0; t < values.Length; t++)
                {
                    timestamps[t] = Core.Time.Timestamps.Format(first);
                    first = signature.Frequency.Advance(first);
                }
            }

            if (timestamps is null || timestamps.Length != values.Length || !AreSteps(timestamps, signature.Frequency))
            {
                return null;
            }

            return new ModelHistory(series.Id ?? "series-1", timestamps, [.. values.Select(v => v!.Value)]);
        }
        catch (Exception ex) when (ex is JsonException or IOException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool AreSteps(string[] timestamps, Frequency frequency)
    {
        var previous = default(DateTimeOffset);
        for (var t = 0; t < timestamps.Length; t++)
        {
            if (!Core.Time.Timestamps.TryParse(timestamps[t], out var current) || (t > 0 && !frequency.IsNextStep(previous, current)))
            {
                return false;
            }

            previous = current;
        }

        return true;
    }
}
