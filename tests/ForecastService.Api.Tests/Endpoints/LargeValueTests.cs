using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Api.Tests.Streaming;

namespace ForecastService.Api.Tests.Endpoints;

/// <summary>
/// Issue 15: finite but huge values overflowed the model's 32-bit scaling and ended in a 500 (forecast, anomalies,
/// warm-up) or in null scores with coverage 1 (backtest). The promise: a value beyond the model's range
/// (±√(float max / (4 × lookback)), 1.23e18 for sensor-river) is a 400 naming the series; anything within it gets
/// finite numbers from every endpoint, on the real shipped model under real ONNX Runtime.
/// </summary>
public sealed class LargeValueTests : IDisposable
{
    private const string Start = "2026-01-01T00:00:00Z";
    private const int Lookback = 56;
    private static readonly double Bound = Math.Sqrt(float.MaxValue / (4.0 * Lookback));
    private readonly FixtureRepository _repository = new();
    private readonly StreamingModel _model;

    public LargeValueTests()
    {
        _model = StreamingModel.CopyShipped(_repository, "sensor-river");
    }

    public void Dispose() => _repository.Dispose();

    public static TheoryData<string, double[], int> Beyond => new()
    {
        { "issue 15: 0, 1e19, 2e19", Cycle(Lookback, 0, 1e19, 2e19), 1 },
        { "0, 1e18, 2e18", Cycle(Lookback, 0, 1e18, 2e18), 2 },
        { "one value just past the bound", [.. Cycle(Lookback - 1, 1, 2), -1.01 * Bound], Lookback - 1 },
        { "float max", Cycle(Lookback, 5, float.MaxValue), 1 },
    };

    public static TheoryData<string, double[]> Within => new()
    {
        { "widest window: alternating at the bound", Cycle(Lookback, 0.999 * Bound, -0.999 * Bound) },
        { "0, bound/2, bound", Cycle(Lookback, 0, 0.5 * Bound, 0.999 * Bound) },
        { "constant at the bound", Cycle(Lookback, 0.999 * Bound) },
        { "1e18 level with unit noise", Cycle(Lookback, 1e18, 1e18 + 1, 1e18 - 1) },
    };

    [Theory]
    [MemberData(nameof(Beyond))]
    public async Task Forecast_ValueBeyondTheModelsRange_Returns400NamingSeriesAndValue(string name, double[] values, int badIndex)
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/v1/models/sensor-river/forecast", Requests.Json(Body("big", values)));

        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", $"series[0].values[{badIndex}]");
        var message = (string)problem["errors"]![$"series[0].values[{badIndex}]"]![0]!;
        Assert.True(message.StartsWith("Series 'big': the value", StringComparison.Ordinal), $"{name}: {message}");
        Assert.Contains("±1.23E+18", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Within))]
    public async Task Forecast_EveryValueWithinTheRange_AnswersOnlyFiniteNumbers(string name, double[] values)
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/v1/models/sensor-river/forecast", Requests.Json(Body("big", values)));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {text}");
        AssertFinite(JsonNode.Parse(text)!, expectedAtLeast: 14 * 10);
    }

    [Fact]
    public async Task Backtest_WithinTheRange_ScoresEveryFigureAndBeyondIsA400()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        var history = Cycle(Lookback + (3 * 14), 0.999 * Bound, -0.5 * Bound, 0.25 * Bound);
        var body = new JsonObject { ["windows"] = 3, ["step"] = 14, ["series"] = new JsonArray(Series("big", history)) };

        using var ok = await client.PostAsync("/v1/models/sensor-river/backtest", Requests.Json(body));
        history[^1] = 2e18;
        using var refused = await client.PostAsync("/v1/models/sensor-river/backtest", Requests.Json(new JsonObject { ["windows"] = 3, ["step"] = 14, ["series"] = new JsonArray(Series("big", history)) }));

        var text = await ok.Content.ReadAsStringAsync();
        Assert.True(ok.StatusCode == HttpStatusCode.OK, text);
        var model = JsonNode.Parse(text)!["overall"]!["model"]!;
        foreach (var figure in new[] { "mase", "smape", "mae", "coverage", "width" })
        {
            Assert.True(model[figure] is not null, $"{figure} is null: {text}");
            Assert.True(double.IsFinite((double)model[figure]!), text);
        }

        Assert.InRange((double)model["coverage"]!, 0, 1);
        await ProblemAssert.IsProblem(refused, 400, "invalid-request", $"series[0].values[{history.Length - 1}]");
    }

    [Fact]
    public async Task Anomalies_WithinTheRange_AnswersFiniteNumbersAndBeyondIsA400()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        var history = Cycle(Lookback + 20, 0.999 * Bound, -0.999 * Bound, 0);

        using var ok = await client.PostAsync("/v1/models/sensor-river/anomalies", Requests.Json(Body("big", history)));
        using var refused = await client.PostAsync("/v1/models/sensor-river/anomalies", Requests.Json(Body("big", Cycle(Lookback + 20, 0, 1e19, 2e19))));

        var text = await ok.Content.ReadAsStringAsync();
        Assert.True(ok.StatusCode == HttpStatusCode.OK, text);
        AssertFinite(JsonNode.Parse(text)!, expectedAtLeast: 20 * 4);
        await ProblemAssert.IsProblem(refused, 400, "invalid-request", "series[0].values[1]");
    }

    [Fact]
    public async Task Stream_WithinTheRange_StaysFiniteAndBeyondIsRefusedKeepingTheStream()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        var warmValues = Cycle(Lookback, 0.999 * Bound, -0.999 * Bound);
        var warm = new JsonObject { ["model"] = "sensor-river", ["id"] = "big", ["timestamps"] = Days(0, Lookback), ["values"] = StreamingModel.Array(warmValues) };
        var calm = _model.WarmBody("calm");

        using var warmed = await client.PostAsync("/v1/streams", Requests.Json(warm));
        using var observed = await client.PostAsync("/v1/streams/big/observations", Requests.Json(Observation(Lookback, 0.999 * Bound)));
        using var refused = await client.PostAsync("/v1/streams/big/observations", Requests.Json(Observation(Lookback + 1, 1.01 * Bound)));
        using var after = await client.GetAsync("/v1/streams/big");
        using var calmWarmed = await client.PostAsync("/v1/streams", Requests.Json(calm));

        // A stream warmed on small values sees an observation at the bound as millions of its spreads away: still finite.
        var spike = new JsonObject { ["timestamps"] = StreamingModel.Array(_model.Timestamps.Skip(Lookback).Take(1)), ["values"] = StreamingModel.Array([-0.999 * Bound]) };
        using var calmSpiked = await client.PostAsync("/v1/streams/calm/observations", Requests.Json(spike));

        foreach (var response in new[] { warmed, observed, calmWarmed, calmSpiked })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            AssertFinite(JsonNode.Parse(text)!, expectedAtLeast: 14 * 10);
        }

        var problem = await ProblemAssert.IsProblem(refused, 400, "invalid-request", "values[0]");
        Assert.Contains("±1.23E+18", (string)problem["errors"]!["values[0]"]![0]!, StringComparison.Ordinal);
        Assert.Equal(Lookback + 1, (int)JsonNode.Parse(await after.Content.ReadAsStringAsync())!["points"]!);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.DoesNotContain(metrics.Split('\n'), l => !l.StartsWith('#') && (l.EndsWith(" NaN", StringComparison.Ordinal) || l.EndsWith("Inf", StringComparison.Ordinal)));
    }

    /// <summary>Every number in the answer is finite and within float range; at least <paramref name="expectedAtLeast"/> of them.</summary>
    private static void AssertFinite(JsonNode answer, int expectedAtLeast)
    {
        var numbers = new List<double>();
        Collect(answer, numbers);
        Assert.True(numbers.Count >= expectedAtLeast, $"only {numbers.Count} numbers in {answer.ToJsonString()[..Math.Min(300, answer.ToJsonString().Length)]}");
        Assert.All(numbers, n => Assert.True(double.IsFinite(n) && Math.Abs(n) <= float.MaxValue, n.ToString(CultureInfo.InvariantCulture)));
    }

    private static void Collect(JsonNode? node, List<double> numbers)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Collect(child, numbers);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, numbers);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                numbers.Add((double)v);
                break;
        }
    }

    private static double[] Cycle(int count, params double[] pattern) => [.. Enumerable.Range(0, count).Select(i => pattern[i % pattern.Length])];

    private static JsonObject Body(string id, double[] values) => new() { ["series"] = new JsonArray(Series(id, values)) };

    private static JsonObject Series(string id, double[] values) => new() { ["id"] = id, ["start"] = Start, ["values"] = StreamingModel.Array(values) };

    private static JsonArray Days(int from, int count) =>
        StreamingModel.Array(Enumerable.Range(from, count).Select(d => DateTimeOffset.Parse(Start, CultureInfo.InvariantCulture).AddDays(d).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

    private static JsonObject Observation(int day, double value) => new() { ["timestamps"] = Days(day, 1), ["values"] = StreamingModel.Array([value]) };
}
