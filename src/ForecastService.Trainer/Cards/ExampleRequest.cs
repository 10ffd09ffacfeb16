using System.Text.Json;
using System.Text.Json.Serialization;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Cards;

/// <summary>
/// <c>example.json</c> (and <c>history.json</c>, see <see cref="History"/>): a ready forecast request body built from one real held-out window (the last lookback
/// observations before its forecast origin), which the service shows in Swagger. It is checked with the service's
/// own request validator before it is written.
/// </summary>
internal static class ExampleRequest
{
    public const string FileName = "example.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ForecastRequest Create(TimeSeries series, int origin, int lookback)
    {
        ArgumentNullException.ThrowIfNull(series);
        var start = origin - lookback;
        return new ForecastRequest
        {
            Series =
            [
                new SeriesInput
                {
                    Id = series.Id,
                    Timestamps = [.. series.Timestamps.Skip(start).Take(lookback).Select(Timestamps.Format)],
                    Values = [.. series.Values.Skip(start).Take(lookback).Select(v => (double?)v)],
                },
            ],
        };
    }

    /// <summary>
    /// <c>history.json</c>: the <paramref name="length"/> observations of <paramref name="series"/> that end just before
    /// <paramref name="end"/> (fewer when the series is shorter), in the same request shape. The trainer passes the end
    /// of the last held-out window and lookback + 5·horizon points, so streams, backtests and anomaly checks have a
    /// real stretch to replay.
    /// </summary>
    public static ForecastRequest History(TimeSeries series, int end, int length)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, series.Length);
        var start = Math.Max(0, end - length);
        return Create(series, end, end - start);
    }

    /// <exception cref="InvalidOperationException">The service would refuse the request (a bug: it came from valid data).</exception>
    public static string Serialize(ForecastRequest request, ModelCard card)
    {
        var validation = ForecastRequestValidator.Validate(request, ModelSignature.FromCard(card), RequestLimits.Default);
        if (!validation.IsValid)
        {
            var errors = string.Join("; ", validation.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
            throw new InvalidOperationException($"The example request would be refused by the service: {errors}");
        }

        return JsonSerializer.Serialize(request, Json) + "\n";
    }
}
