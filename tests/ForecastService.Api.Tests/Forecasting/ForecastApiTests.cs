using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Forecasting;

public sealed class ForecastApiTests : IDisposable
{
    private static readonly FixtureModel Model = FixtureModel.Hourly();
    private readonly FixtureRepository _repository = FixtureRepository.With(Model, Model with { Version = 2 }, FixtureModel.Hourly("sensor-temp") with { Domain = "sensor" });
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public ForecastApiTests()
    {
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task ListModels_TwoModels_DescribesEachWithLatestVersion()
    {
        var models = JsonNode.Parse(await _client.GetStringAsync("/v1/models"))!.AsArray();

        Assert.Equal(["energy-load", "sensor-temp"], models.Select(m => (string)m!["name"]!));
        var energy = models[0]!;
        Assert.Equal(2, (int)energy["version"]!);
        Assert.Equal([1, 2], energy["versions"]!.AsArray().Select(v => (int)v!));
        Assert.Equal("ready", (string)energy["status"]!);
        Assert.Equal(24, (int)energy["lookback"]!);
        Assert.Equal(6, (int)energy["horizon"]!);
        Assert.Equal("1h", (string)energy["frequency"]!);
        Assert.Equal([0.1, 0.5, 0.9], energy["quantiles"]!.AsArray().Select(q => (double)q!));
        Assert.Equal("CPU", (string)energy["executionProvider"]!);
        Assert.Equal("energy", (string)energy["domain"]!);
    }

    [Fact]
    public async Task GetModel_Known_IncludesCardMetrics()
    {
        var model = JsonNode.Parse(await _client.GetStringAsync("/v1/models/energy-load"))!;

        Assert.Equal("energy-load", (string)model["name"]!);
        Assert.Equal(0.8, (double)model["metrics"]!["model"]!["mase"]!);
        Assert.Equal(10, (int)model["metrics"]!["windows"]!);
    }

    [Fact]
    public async Task Forecast_OneSeries_MatchesHandComputedQuantilesAndTimestamps()
    {
        var values = Requests.Wave(30);
        var response = await _client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("meter-17", values))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("energy-load", (string)body["model"]!);
        Assert.Equal(2, (int)body["version"]!);
        Assert.Equal("CPU", (string)body["executionProvider"]!);
        var forecast = body["forecasts"]!.AsArray().Single()!;
        Assert.Equal("meter-17", (string)forecast["id"]!);

        // The last observation is at Start + 29 h, so the forecast starts at Start + 30 h.
        var future = Enumerable.Range(30, 6).Select(h => Requests.Start.AddHours(h)).ToArray();
        Assert.Equal(Requests.Hours(Requests.Start.AddHours(30), 6), forecast["timestamps"]!.AsArray().Select(t => (string)t!));

        var expected = Model.Expected(values[^24..], future);
        var median = forecast["median"]!.AsArray().Select(v => (float)v!).ToArray();
        var low = forecast["quantiles"]!["0.1"]!.AsArray().Select(v => (float)v!).ToArray();
        for (var h = 0; h < 6; h++)
        {
            Assert.Equal(expected[h, 1], median[h], 3);
            Assert.Equal(expected[h, 0], low[h], 3);
        }

        var interval = forecast["intervals"]!.AsArray().Single()!;
        Assert.Equal(80, (double)interval["level"]!);
        Assert.Equal(low, interval["lower"]!.AsArray().Select(v => (float)v!));
        Assert.Equal(forecast["quantiles"]!["0.9"]!.ToJsonString(), interval["upper"]!.ToJsonString());
    }

    [Fact]
    public async Task Forecast_ManySeriesShortHorizonAndStart_KeepsOrderAndSteps()
    {
        var a = Requests.Series("a", Requests.Wave(24));
        var b = new JsonObject { ["id"] = "b", ["start"] = "2026-03-05T10:00:00+02:00", ["values"] = new JsonArray([.. Requests.Wave(26, 500).Select(v => (JsonNode?)v)]) };
        var body = Requests.Body(a, b);
        body["horizon"] = 2;
        body["levels"] = new JsonArray();

        var response = await _client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forecasts = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["forecasts"]!.AsArray();
        Assert.Equal(["a", "b"], forecasts.Select(f => (string)f!["id"]!));
        Assert.Equal(["2026-03-03T00:00:00Z", "2026-03-03T01:00:00Z"], forecasts[0]!["timestamps"]!.AsArray().Select(t => (string)t!));

        // 26 values from 10:00+02:00: the last is at 11:00 the next day, so the forecast starts at 12:00+02:00.
        Assert.Equal(["2026-03-06T12:00:00+02:00", "2026-03-06T13:00:00+02:00"], forecasts[1]!["timestamps"]!.AsArray().Select(t => (string)t!));
        Assert.Empty(forecasts[1]!["intervals"]!.AsArray());
        Assert.InRange((float)forecasts[1]!["median"]![0]!, 450, 550);
        Assert.InRange((float)forecasts[0]!["median"]![0]!, 50, 150);
    }

    [Fact]
    public async Task ForecastVersion_OlderVersion_AnswersWithThatVersion()
    {
        var response = await _client.PostAsync("/v1/models/energy-load/versions/1/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["version"]!);
    }

    [Fact]
    public async Task Root_RedirectsToSwagger()
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/swagger", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/swagger/index.html")).StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }
}
