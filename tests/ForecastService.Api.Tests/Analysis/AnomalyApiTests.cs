using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Analysis;

public sealed class AnomalyApiTests : IDisposable
{
    private static readonly FixtureModel River = new("sensor-river", 1, 24, 6, "1h", [0.005, 0.1, 0.5, 0.9, 0.995]) { Domain = "sensor" };
    private static readonly FixtureModel Energy = FixtureModel.Hourly();
    private readonly FixtureRepository _repository = FixtureRepository.With(River, Energy);
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public AnomalyApiTests()
    {
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Anomalies_InjectedSpikes_FlagsExactlyThemWithHandComputedScores(int step)
    {
        // A daily cycle (inside the 99% band of the fixture everywhere) with two spikes.
        var values = Enumerable.Range(0, 80).Select(t => 100 + (5 * Math.Sin(2 * Math.PI * t / 24))).ToArray();
        values[40] += 30;
        values[61] -= 30;
        var body = new JsonObject { ["step"] = step, ["series"] = new JsonArray(Requests.Series("pump-3", values)) };

        var response = await _client.PostAsync("/v1/models/sensor-river/anomalies", Requests.Json(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var result = JsonNode.Parse(text)!;
        Assert.Equal(99, (double)result["level"]!);
        Assert.Equal(step, (int)result["step"]!);
        var series = result["series"]!.AsArray().Single()!;
        Assert.Equal("pump-3", (string)series["id"]!);

        // Every t with 24 + step - 1 points before it is checked.
        var first = 24 + step - 1;
        Assert.Equal(80 - first, (int)series["checked"]!);
        var points = series["points"]!.AsArray();
        Assert.Equal(Requests.Hours(Requests.Start.AddHours(first), 80 - first), points.Select(p => (string)p!["timestamp"]!));

        var anomalies = series["anomalies"]!.AsArray();
        Assert.Equal([Requests.Hours(Requests.Start.AddHours(40), 1)[0], Requests.Hours(Requests.Start.AddHours(61), 1)[0]], anomalies.Select(a => (string)a!["timestamp"]!));
        Assert.Equal(["above", "below"], anomalies.Select(a => (string)a!["direction"]!));

        for (var i = 0; i < points.Count; i++)
        {
            // The forecast for t comes from the window ending step points before it, read off at step `step`.
            var t = first + i;
            var origin = t - step + 1;
            var future = Enumerable.Range(origin, 6).Select(h => Requests.Start.AddHours(h)).ToArray();
            var expected = River.Expected(values[(origin - 24)..origin], future);
            var (lower, median, upper) = (expected[step - 1, 0], expected[step - 1, 2], expected[step - 1, 4]);
            var score = values[t] > upper ? (values[t] - upper) / (upper - lower) : values[t] < lower ? (lower - values[t]) / (upper - lower) : 0;

            var point = points[i]!;
            Assert.Equal(values[t], (double)point["value"]!, 9);
            Assert.Equal(median, (float)point["median"]!, 3);
            Assert.Equal(lower, (float)point["lower"]!, 3);
            Assert.Equal(upper, (float)point["upper"]!, 3);
            Assert.Equal(score, (double)point["score"]!, 3);
            Assert.Equal(t is 40 or 61, score > 0);
        }
    }

    [Fact]
    public async Task Anomalies_ModelWithout99_DefaultsToWidestLevel()
    {
        var body = new JsonObject { ["series"] = new JsonArray(Requests.Series("a", Requests.Wave(30))) };

        var response = await _client.PostAsync("/v1/models/energy-load/versions/1/anomalies", Requests.Json(body));

        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(80, (double)result["level"]!);
        Assert.Equal(6, (int)result["series"]![0]!["checked"]!);
    }

    [Fact]
    public async Task Anomalies_RequestedLevel_UsesItsBand()
    {
        var values = Requests.Wave(30);
        var body = new JsonObject { ["level"] = 80, ["series"] = new JsonArray(Requests.Series("a", values)) };

        var response = await _client.PostAsync("/v1/models/sensor-river/anomalies", Requests.Json(body));

        var point = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["series"]![0]!["points"]![0]!;
        var expected = River.Expected(values[..24], [Requests.Start.AddHours(24)]);
        Assert.Equal(expected[0, 1], (float)point["lower"]!, 3);
        Assert.Equal(expected[0, 3], (float)point["upper"]!, 3);
    }

    [Fact]
    public async Task Anomalies_SeriesTooShort_400NamesSeriesAndPointsNeeded()
    {
        var body = new JsonObject { ["step"] = 2, ["series"] = new JsonArray(Requests.Series("pump-3", Requests.Wave(25))) };

        var response = await _client.PostAsync("/v1/models/sensor-river/anomalies", Requests.Json(body));

        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", "series[0].values");
        var message = (string)problem["errors"]!["series[0].values"]![0]!;
        Assert.Contains("'pump-3'", message, StringComparison.Ordinal);
        Assert.Contains("at least 26", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"level\": 95, \"series\": []}", "level")]
    [InlineData("{\"step\": 7, \"series\": []}", "step")]
    public async Task Anomalies_BadField_400NamesField(string json, string field)
    {
        var response = await _client.PostAsync("/v1/models/sensor-river/anomalies", Requests.Json(json));

        await ProblemAssert.IsProblem(response, 400, "invalid-request", field);
    }

    [Fact]
    public async Task Anomalies_MoreCheckedPointsThanLimit_413()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Analysis:MaxModelWindows"] = "10" });
        using var client = factory.CreateClient();

        // 24 + 11 points check 11 observations > 10.
        var response = await client.PostAsync("/v1/models/sensor-river/anomalies", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(35)))));

        await ProblemAssert.IsProblem(response, 413, "too-large", "series");
    }

    [Fact]
    public async Task Anomalies_NotJson_415()
    {
        var response = await _client.PostAsync("/v1/models/sensor-river/anomalies", new StringContent("a,b", System.Text.Encoding.UTF8, "text/csv"));

        await ProblemAssert.IsProblem(response, 415, "unsupported-media-type");
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }
}
