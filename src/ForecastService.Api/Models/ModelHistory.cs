using System.Text.Json;
using ForecastService.Api.Json;
using ForecastService.Api.Logging;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Core.Time;

namespace ForecastService.Api.Models;

/// <summary>
/// A held-out stretch of one real series from the model's <c>history.json</c> (models/README.md): used for ready
/// Swagger examples (stream warm-up and observations, backtest and anomaly scans) and the chart page's example. Read
/// once when the model version loads.
/// </summary>
/// <param name="Id">The series id.</param>
/// <param name="Timestamps">One ISO-8601 timestamp per value, one step of the model's calendar apart.</param>
/// <param name="Values">The observations, oldest first.</param>
/// <param name="Json">The file as shipped: a forecast request body that can be sent back as-is.</param>
internal sealed record ModelHistory(string Id, string[] Timestamps, double[] Values, string Json)
{
    // history.json is lookback + 5 horizons of one series (tens of KiB); anything far larger is not one of ours.
    private const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>The history as a request's series.</summary>
    public SeriesInput ToSeriesInput() => new() { Id = Id, Timestamps = Timestamps, Values = [.. Values.Select(v => (double?)v)] };

    /// <summary>Reads the history beside a model, or null when it is absent (older models have none) or unusable.</summary>
    /// <param name="directory">The model version's folder.</param>
    /// <param name="signature">The model it must fit: more than lookback finite points, one step of its calendar apart.</param>
    /// <param name="problem">Why a file that is there was not used; null when it was, or when there is none.</param>
    public static ModelHistory? Read(string directory, ModelSignature signature, out string? problem)
    {
        problem = null;
        var file = new FileInfo(Path.Combine(directory, ModelContract.HistoryFileName));
        if (!file.Exists)
        {
            return null;
        }

        if (file.Length > MaxBytes)
        {
            problem = $"it is {file.Length} bytes, over {MaxBytes}";
            return null;
        }

        try
        {
            var json = File.ReadAllText(file.FullName);
            var request = JsonSerializer.Deserialize(json, ForecastJsonContext.Default.ForecastRequest);
            if (request?.Series is not [{ Values: { } values } series, ..] || values.Length <= signature.Lookback || values.Any(v => v is not { } x || !double.IsFinite(x)))
            {
                problem = $"it needs one series of more than {signature.Lookback} finite values";
                return null;
            }

            var timestamps = series.Timestamps;
            if (timestamps is null && series.Start is { } start && Core.Time.Timestamps.TryParse(start, out var first))
            {
                timestamps = new string[values.Length];
                for (var t = 0; t < values.Length; t++)
                {
                    timestamps[t] = Core.Time.Timestamps.Format(first);
                    first = signature.Calendar.Next(first);
                }
            }

            if (timestamps is null || timestamps.Length != values.Length || !AreSteps(timestamps, signature.Calendar))
            {
                problem = $"its timestamps are not one per value, one step of {signature.Calendar.Description} apart";
                return null;
            }

            return new ModelHistory(series.Id ?? "series-1", timestamps, [.. values.Select(v => v!.Value)], json);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            problem = LogText.RedactPaths(ex.Message);
            return null;
        }
    }

    private static bool AreSteps(string[] timestamps, SeriesCalendar calendar)
    {
        var previous = default(DateTimeOffset);
        for (var t = 0; t < timestamps.Length; t++)
        {
            if (!Core.Time.Timestamps.TryParse(timestamps[t], out var current) || (t == 0 ? !calendar.Contains(current) : !calendar.Follows(previous, current)))
            {
                return false;
            }

            previous = current;
        }

        return true;
    }
}
