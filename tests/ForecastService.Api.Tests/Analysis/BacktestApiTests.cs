using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Analysis;

public sealed class BacktestApiTests : IDisposable
{
    private const int Seasonality = 6;
    private static readonly FixtureModel Model = FixtureModel.Hourly() with { Seasonality = Seasonality };
    private readonly FixtureRepository _repository = FixtureRepository.With(Model);
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public BacktestApiTests()
    {
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task Backtest_TwoSeries_EqualsIndependentScoringOfForecastCallsAtSameOrigins()
    {
        var a = Requests.Wave(60);
        var b = Requests.Wave(57, level: 300).Select((v, t) => v + (t % 5 * 1.5)).ToArray();
        var body = new JsonObject { ["windows"] = 4, ["step"] = 5, ["series"] = new JsonArray(Requests.Series("a", a), Requests.Series("b", b)) };

        var response = await _client.PostAsync("/v1/models/energy-load/backtest", Requests.Json(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var result = JsonNode.Parse(text)!;
        Assert.Equal(("energy-load", 1, 6, 4, 5, 80.0, Seasonality), ((string)result["model"]!, (int)result["version"]!, (int)result["horizon"]!, (int)result["windows"]!, (int)result["step"]!, (double)result["level"]!, (int)result["seasonality"]!));

        // o_k = n - 6 - (3 - k) * 5.
        int[] originsA = [39, 44, 49, 54];
        int[] originsB = [36, 41, 46, 51];
        var scoresA = await ScoreAsync(a, originsA);
        var scoresB = await ScoreAsync(b, originsB);

        var series = result["series"]!.AsArray();
        Assert.Equal(["a", "b"], series.Select(s => (string)s!["id"]!));
        Assert.All(series, s => Assert.Equal(4, (int)s!["windows"]!));
        AssertMetrics(Steps.Summarize(scoresA.Model), series[0]!["model"]!);
        AssertMetrics(Steps.Summarize(scoresA.Naive), series[0]!["seasonalNaive"]!);
        AssertMetrics(Steps.Summarize(scoresB.Model), series[1]!["model"]!);
        AssertMetrics(Steps.Summarize(scoresB.Naive), series[1]!["seasonalNaive"]!);
        AssertMetrics(Steps.Summarize([.. scoresA.Model, .. scoresB.Model]), result["overall"]!["model"]!);
        AssertMetrics(Steps.Summarize([.. scoresA.Naive, .. scoresB.Naive]), result["overall"]!["seasonalNaive"]!);
    }

    [Fact]
    public async Task Backtest_VersionRouteShorterHorizon_ScoresFirstStepsOnly()
    {
        var values = Requests.Wave(40);
        var body = new JsonObject { ["windows"] = 2, ["step"] = 3, ["horizon"] = 2, ["series"] = new JsonArray(Requests.Series("a", values)) };

        var response = await _client.PostAsync("/v1/models/energy-load/versions/1/backtest", Requests.Json(body));

        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int)result["horizon"]!);

        // o_k = 40 - 2 - (1 - k) * 3.
        var scores = await ScoreAsync(values, [35, 38], horizon: 2);
        AssertMetrics(Steps.Summarize(scores.Model), result["overall"]!["model"]!);
        AssertMetrics(Steps.Summarize(scores.Naive), result["overall"]!["seasonalNaive"]!);
    }

    [Fact]
    public async Task Backtest_FlatSeries_MaseIsNullNotOmittedOrNaN()
    {
        // A flat history has no seasonal differences to scale by; the fixture forecasts it exactly (std 0).
        var body = new JsonObject { ["windows"] = 2, ["series"] = new JsonArray(Requests.Series("flat", [.. Enumerable.Repeat(100.0, 60)])) };

        var response = await _client.PostAsync("/v1/models/energy-load/backtest", Requests.Json(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var model = JsonNode.Parse(text)!["overall"]!["model"]!.AsObject();
        Assert.True(model.ContainsKey("mase"), text);
        Assert.Null(model["mase"]);
        Assert.Equal(0, (double)model["mae"]!);
        Assert.Equal(0, (double)model["smape"]!);
        Assert.Equal(1, (double)model["coverage"]!);
        Assert.Equal(0, (double)model["width"]!);
    }

    [Fact]
    public async Task Backtest_SeriesTooShort_400NamesSeriesAndPointsNeeded()
    {
        // Needs 24 (lookback) + 6 (horizon) + 9 * 6 (ten windows, step = horizon) = 84 points.
        var body = new JsonObject { ["series"] = new JsonArray(Requests.Series("meter-17", Requests.Wave(83))) };

        var response = await _client.PostAsync("/v1/models/energy-load/backtest", Requests.Json(body));

        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", "series[0].values");
        var message = (string)problem["errors"]!["series[0].values"]![0]!;
        Assert.Contains("'meter-17'", message, StringComparison.Ordinal);
        Assert.Contains("at least 84", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"level\": 95, \"series\": []}", "level")]
    [InlineData("{\"windows\": 0, \"series\": []}", "windows")]
    [InlineData("{\"step\": -1, \"series\": []}", "step")]
    [InlineData("{\"horizon\": 7, \"series\": []}", "horizon")]
    [InlineData("{\"windows\": 1}", "series")]
    public async Task Backtest_BadField_400NamesField(string json, string field)
    {
        var response = await _client.PostAsync("/v1/models/energy-load/backtest", Requests.Json(json));

        await ProblemAssert.IsProblem(response, 400, "invalid-request", field);
    }

    [Fact]
    public async Task Backtest_UnknownField_400MalformedJson()
    {
        var response = await _client.PostAsync("/v1/models/energy-load/backtest", Requests.Json("{\"windowz\": 3, \"series\": []}"));

        await ProblemAssert.IsProblem(response, 400, "malformed-json");
    }

    [Fact]
    public async Task Backtest_UnknownModel_404()
    {
        var response = await _client.PostAsync("/v1/models/nope/backtest", Requests.Json("{\"series\": []}"));

        await ProblemAssert.IsProblem(response, 404, "not-found");
    }

    [Fact]
    public async Task Backtest_OverConfiguredLimits_400ForWindowsAnd413ForModelRuns()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Analysis:MaxWindows"] = "3", ["Analysis:MaxModelWindows"] = "5" });
        using var client = factory.CreateClient();
        var one = Requests.Series("a", Requests.Wave(60));
        var two = Requests.Series("b", Requests.Wave(60));

        var tooManyWindows = await client.PostAsync("/v1/models/energy-load/backtest", Requests.Json(new JsonObject { ["windows"] = 4, ["series"] = new JsonArray(one) }));
        var tooManyRuns = await client.PostAsync("/v1/models/energy-load/backtest", Requests.Json(new JsonObject { ["windows"] = 3, ["series"] = new JsonArray(one.DeepClone(), two) }));

        var problem = await ProblemAssert.IsProblem(tooManyWindows, 400, "invalid-request", "windows");
        Assert.Contains("Analysis:MaxWindows", problem["errors"]!["windows"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(tooManyRuns, 413, "too-large", "series");
    }

    /// <summary>
    /// Scores every origin independently of the backtest code: the model's quantiles come from /forecast with the
    /// history cut at the origin, seasonal naive and its band are computed here from their definitions.
    /// </summary>
    private async Task<(List<Steps.Step> Model, List<Steps.Step> Naive)> ScoreAsync(double[] values, int[] origins, int horizon = 6)
    {
        var model = new List<Steps.Step>();
        var naive = new List<Steps.Step>();
        foreach (var origin in origins)
        {
            var history = values[..origin];
            var response = await _client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("x", history))));
            var forecast = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["forecasts"]![0]!;

            // MASE scale: mean |y[t] - y[t - m]| over the whole history before the origin.
            var scale = Enumerable.Range(Seasonality, origin - Seasonality).Average(t => Math.Abs(history[t] - history[t - Seasonality]));

            // Seasonal naive from the model's 24-point window: the value one season back; its band adds the 10% and
            // 90% quantiles (linear interpolation) of the window's own lag-6 differences (reach is one season for h <= 6).
            var window = history[^24..];
            var differences = Enumerable.Range(Seasonality, window.Length - Seasonality).Select(t => window[t] - window[t - Seasonality]).Order().ToArray();
            for (var h = 0; h < horizon; h++)
            {
                var actual = values[origin + h];
                model.Add(new Steps.Step(actual, (float)forecast["median"]![h]!, (float)forecast["quantiles"]!["0.1"]![h]!, (float)forecast["quantiles"]!["0.9"]![h]!, scale));
                var point = window[window.Length - Seasonality + h];
                naive.Add(new Steps.Step(actual, point, point + Steps.Quantile(differences, 0.1), point + Steps.Quantile(differences, 0.9), scale));
            }
        }

        return (model, naive);
    }

    private static void AssertMetrics((double Mase, double Smape, double Mae, double Coverage, double Width) expected, JsonNode actual)
    {
        // The model runs these windows in one batch and /forecast one at a time: float rounding may differ in the last bit.
        Assert.Equal(expected.Mase, (double)actual["mase"]!, Close(expected.Mase));
        Assert.Equal(expected.Smape, (double)actual["smape"]!, Close(expected.Smape));
        Assert.Equal(expected.Mae, (double)actual["mae"]!, Close(expected.Mae));
        Assert.Equal(expected.Coverage, (double)actual["coverage"]!, 12);
        Assert.Equal(expected.Width, (double)actual["width"]!, Close(expected.Width));
    }

    private static double Close(double expected) => 1e-5 * Math.Max(1, Math.Abs(expected));

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }
}
