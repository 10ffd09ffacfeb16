using System.Globalization;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Inference;

namespace ForecastService.Api.Tests.Forecasting;

/// <summary>The API adds no drift: its answer equals the model's output through the binding for the same windows.</summary>
public sealed class ForecastParityTests
{
    [Fact]
    public async Task Forecast_HourlyAndBusinessDayModels_EqualDirectBindingOutputBitForBit()
    {
        var hourly = FixtureModel.Hourly();
        var business = new FixtureModel("stock-close", 1, 10, 5, "1bd", [0.05, 0.1, 0.5, 0.9, 0.95]) { Domain = "finance" };
        using var repository = FixtureRepository.With(hourly, business);
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();

        // Hourly: one series with timestamps in +05:30, one regular series given by start, of different lengths.
        var offset = TimeSpan.FromHours(5.5);
        var first = Enumerable.Range(0, 40).Select(i => new DateTimeOffset(2026, 3, 28, 3, 0, 0, offset).AddHours(i)).ToArray();
        var a = Requests.Wave(40, 300);
        var b = Requests.Wave(24, 20).Select(v => v * 1.5).ToArray();
        var bStart = new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero);
        await AssertParity(client, repository, hourly, [("a", a, first), ("b", b, [.. Enumerable.Range(0, 24).Select(i => bStart.AddHours(i))])], useStartFor: "b");

        // Business days: a Friday-crossing series.
        var friday = new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero);
        var days = new List<DateTimeOffset>();
        for (var d = friday.AddDays(-20); days.Count < 12; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(d);
            }
        }

        await AssertParity(client, repository, business, [("px", Requests.Wave(12, 50), [.. days])], useStartFor: null);
    }

    private static async Task AssertParity(
        HttpClient client, FixtureRepository repository, FixtureModel model, (string Id, double[] Values, DateTimeOffset[] Times)[] series, string? useStartFor)
    {
        var body = new JsonObject
        {
            ["series"] = new JsonArray([.. series.Select(s => (JsonNode?)(s.Id == useStartFor
                ? new JsonObject { ["id"] = s.Id, ["start"] = Iso(s.Times[0]), ["values"] = new JsonArray([.. s.Values.Select(v => (JsonNode?)v)]) }
                : new JsonObject { ["id"] = s.Id, ["timestamps"] = new JsonArray([.. s.Times.Select(t => (JsonNode?)Iso(t))]), ["values"] = new JsonArray([.. s.Values.Select(v => (JsonNode?)v)]) }))]),
        };
        var response = await client.PostAsync($"/v1/models/{model.Name}/forecast", Requests.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var forecasts = JsonNode.Parse(text)!["forecasts"]!.AsArray();

        // The same windows built here by hand and run straight through the binding.
        var frequency = Frequency.Parse(model.Frequency);
        var features = CalendarFeatures.For(frequency);
        var c = features.Count;
        var n = series.Length;
        var values = new float[n * model.Lookback];
        var past = new float[n * model.Lookback * c];
        var future = new float[n * model.Horizon * c];
        var futureTimes = new DateTimeOffset[n][];
        for (var i = 0; i < n; i++)
        {
            var (_, v, t) = series[i];
            for (var j = 0; j < model.Lookback; j++)
            {
                values[(i * model.Lookback) + j] = (float)v[v.Length - model.Lookback + j];
                features.Compute(t[t.Length - model.Lookback + j], past.AsSpan(((i * model.Lookback) + j) * c, c));
            }

            futureTimes[i] = new DateTimeOffset[model.Horizon];
            var next = t[^1];
            for (var h = 0; h < model.Horizon; h++)
            {
                next = frequency.Unit == FrequencyUnit.BusinessDay ? NextBusinessDay(next) : next.AddHours(1);
                futureTimes[i][h] = next;
                features.Compute(next, future.AsSpan(((i * model.Horizon) + h) * c, c));
            }
        }

        using var session = OnnxSession.Load(Path.Combine(repository.VersionDirectory(model.Name, model.Version), ModelContract.OnnxFileName));
        var direct = session.Run(
            [
                new NamedTensor(ModelContract.ValuesInput, values, [n, model.Lookback]),
                new NamedTensor(ModelContract.PastCovariatesInput, past, [n, model.Lookback, c]),
                new NamedTensor(ModelContract.FutureCovariatesInput, future, [n, model.Horizon, c]),
            ],
            [ModelContract.QuantilesOutput])[0];

        for (var i = 0; i < n; i++)
        {
            var forecast = forecasts[i]!;
            Assert.Equal(series[i].Id, (string)forecast["id"]!);
            Assert.Equal(futureTimes[i].Select(Iso), forecast["timestamps"]!.AsArray().Select(t => (string)t!));
            for (var q = 0; q < model.Quantiles.Length; q++)
            {
                var key = model.Quantiles[q].ToString(CultureInfo.InvariantCulture);
                var api = forecast["quantiles"]![key]!.AsArray().Select(x => (float)x!).ToArray();
                var expected = Enumerable.Range(0, model.Horizon).Select(h => direct.Data[(((i * model.Horizon) + h) * model.Quantiles.Length) + q]).ToArray();
                // Equal to the last bit or two: ONNX Runtime's reductions may take another SIMD path when the same
                // numbers sit at another buffer alignment, so two runs of one graph can differ by an ulp. Drift in
                // scaling, covariates or row order would be orders of magnitude larger.
                for (var h = 0; h < expected.Length; h++)
                {
                    Assert.Equal(expected[h], api[h], Math.Abs(expected[h]) * 2e-7f);
                }
            }
        }
    }

    private static DateTimeOffset NextBusinessDay(DateTimeOffset t)
    {
        do
        {
            t = t.AddDays(1);
        }
        while (t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        return t;
    }

    private static string Iso(DateTimeOffset t) => t.Offset == TimeSpan.Zero
        ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
