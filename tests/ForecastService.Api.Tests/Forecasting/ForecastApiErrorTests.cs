using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Forecasting;

/// <summary>Every bad input of issue 4 gets its problem answer, never a crash.</summary>
public sealed class ForecastApiErrorTests : IDisposable
{
    private const string Url = "/v1/models/energy-load/forecast";
    private readonly FixtureRepository _repository = FixtureRepository.With(
        FixtureModel.Hourly(),
        FixtureModel.Hourly("flaky") with { FailsOnOddBatch = true });

    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public ForecastApiErrorTests()
    {
        // A broken version of a model that has no good one: it is listed as failed and calls get 503.
        var broken = Directory.CreateDirectory(_repository.VersionDirectory("broken", 1)).FullName;
        File.WriteAllText(Path.Combine(broken, "model.json"), "{ not a card");
        File.WriteAllBytes(Path.Combine(broken, "model.onnx"), [1, 2, 3]);

        _factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["RequestLimits:MaxSeries"] = "3",
            ["RequestLimits:MaxPointsPerSeries"] = "100",
            ["RequestLimits:MaxTotalPoints"] = "150",
            ["RequestLimits:MaxBodyBytes"] = "16384",
        });
        _client = _factory.CreateClient();
    }

    public static TheoryData<string, string, string> BadBodies()
    {
        var ok = Requests.Series("a", Requests.Wave(24));
        JsonNode With(Action<JsonObject> change)
        {
            var series = (JsonObject)ok.DeepClone();
            change(series);
            return Requests.Body(series);
        }

        JsonNode Top(string key, JsonNode value)
        {
            var body = Requests.Body((JsonObject)ok.DeepClone());
            body[key] = value;
            return body;
        }

        var hours = Requests.Hours(Requests.Start, 24);
        string[] Changed(int index, string value)
        {
            var copy = (string[])hours.Clone();
            copy[index] = value;
            return copy;
        }

        JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)i)]);

        return new TheoryData<string, string, string>
        {
            { "fewer values than lookback", Requests.Body(Requests.Series("a", Requests.Wave(23))).ToJsonString(), "series[0].values" },
            { "lengths differ", With(s => s["timestamps"] = Array(hours[..23])).ToJsonString(), "series[0].timestamps" },
            { "null value", With(s => s["values"]![5] = null).ToJsonString(), "series[0].values[5]" },
            { "NaN value", With(s => s["values"]![6] = "NaN").ToJsonString(), "series[0].values[6]" },
            { "Infinity value", With(s => s["values"]![7] = "-Infinity").ToJsonString(), "series[0].values[7]" },
            { "unparseable timestamp", With(s => s["timestamps"] = Array(Changed(3, "yesterday"))).ToJsonString(), "series[0].timestamps[3]" },
            { "duplicate timestamp", With(s => s["timestamps"] = Array(Changed(4, hours[3]))).ToJsonString(), "series[0].timestamps[4]" },
            { "unsorted timestamps", With(s => s["timestamps"] = Array(Changed(4, hours[2]))).ToJsonString(), "series[0].timestamps[4]" },
            { "irregular timestamps", With(s => s["timestamps"] = Array(hours.Select((h, i) => i < 10 ? h : DateTimeOffset.Parse(h, System.Globalization.CultureInfo.InvariantCulture).AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)))).ToJsonString(), "series[0].timestamps[10]" },
            { "spacing not the model's", With(s => s["timestamps"] = Array(Enumerable.Range(0, 24).Select(i => Requests.Start.AddMinutes(30 * i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)))).ToJsonString(), "series[0].timestamps[1]" },
            { "horizon zero", Top("horizon", 0).ToJsonString(), "horizon" },
            { "horizon above the model's", Top("horizon", 7).ToJsonString(), "horizon" },
            { "level the model cannot give", Top("levels", new JsonArray(80, 95)).ToJsonString(), "levels[1]" },
            { "no series", "{}", "series" },
            { "timestamps and start", With(s => s["start"] = hours[0]).ToJsonString(), "series[0].start" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Forecast_InvalidField_Is400NamingTheField(string because, string body, string field)
    {
        var response = await _client.PostAsync(Url, Requests.Json(body));

        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", field);
        Assert.False(string.IsNullOrEmpty(because));
        Assert.False(string.IsNullOrEmpty((string?)problem["errors"]![field]![0]));
    }

    [Theory]
    [InlineData("{\"series\": [", "series[0]")]
    [InlineData("not json", "$")]
    [InlineData("", "$")]
    [InlineData("{\"series\": [{\"id\": \"a\", \"values\": \"abc\"}]}", "series[0].values")]
    [InlineData("{\"horizn\": 3, \"series\": []}", "horizn")]
    [InlineData("{\"series\": [{\"values\": [NaN]}]}", "series[0].values[0]")]
    public async Task Forecast_MalformedJson_Is400WithWhere(string body, string field)
    {
        var response = await _client.PostAsync(Url, Requests.Json(body));

        await ProblemAssert.IsProblem(response, 400, "malformed-json", field);
    }

    [Fact]
    public async Task Forecast_DeepNesting_Is400()
    {
        var body = new string('[', 5000) + new string(']', 5000);

        await ProblemAssert.IsProblem(await _client.PostAsync(Url, Requests.Json(body)), 400, "malformed-json");
    }

    [Fact]
    public async Task Forecast_NullBody_Is400()
    {
        await ProblemAssert.IsProblem(await _client.PostAsync(Url, Requests.Json("null")), 400, "invalid-request", "$");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Forecast_WrongContentType_Is415(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Requests.Body(Requests.Series("a", Requests.Wave(24))).ToJsonString()));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        await ProblemAssert.IsProblem(await _client.PostAsync(Url, content), 415, "unsupported-media-type");
    }

    [Fact]
    public async Task Forecast_BodyOverLimit_Is413()
    {
        var body = Requests.Body(Requests.Series("a", Requests.Wave(24)));
        body["padding"] = new string(' ', 20_000);

        await ProblemAssert.IsProblem(await _client.PostAsync(Url, Requests.Json(body)), 413, "too-large");
    }

    [Fact]
    public async Task Forecast_ChunkedBodyOverLimit_Is413()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"series\": [" + new string(' ', 40_000) + "]}");
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await ProblemAssert.IsProblem(await _client.SendAsync(request), 413, "too-large");
    }

    [Fact]
    public async Task Forecast_TooManySeries_Is413()
    {
        var series = Enumerable.Range(0, 4).Select(i => Requests.Series($"s{i}", Requests.Wave(24))).ToArray();

        await ProblemAssert.IsProblem(await _client.PostAsync(Url, Requests.Json(Requests.Body(series))), 413, "too-large", "series");
    }

    [Fact]
    public async Task Forecast_TooManyPoints_Is413()
    {
        await ProblemAssert.IsProblem(await _client.PostAsync(Url, Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(101))))), 413, "too-large", "series[0].values");
        var two = Requests.Body(Requests.Series("a", Requests.Wave(80)), Requests.Series("b", Requests.Wave(80)));
        await ProblemAssert.IsProblem(await _client.PostAsync(Url, Requests.Json(two)), 413, "too-large", "series");
    }

    [Theory]
    [InlineData("/v1/models/nope/forecast")]
    [InlineData("/v1/models/..%2F..%2Fetc/forecast")]
    [InlineData("/v1/models/energy-load/versions/9/forecast")]
    [InlineData("/v1/models/energy-load/versions/abc/forecast")]
    [InlineData("/v1/models/energy-load/versions/-1/forecast")]
    [InlineData("/v1/nothing-here")]
    public async Task Forecast_UnknownModelVersionOrRoute_Is404(string url)
    {
        await ProblemAssert.IsProblem(await _client.PostAsync(url, Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24))))), 404, "not-found");
    }

    [Fact]
    public async Task GetModel_Unknown_Is404()
    {
        var problem = await ProblemAssert.IsProblem(await _client.GetAsync("/v1/models/nope"), 404, "not-found");

        Assert.Contains("energy-load", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_GetInsteadOfPost_Is405()
    {
        await ProblemAssert.IsProblem(await _client.GetAsync(Url), 405, "method-not-allowed");
    }

    [Fact]
    public async Task Forecast_ModelWhoseOnlyVersionFailed_Is503()
    {
        var problem = await ProblemAssert.IsProblem(await _client.PostAsync("/v1/models/broken/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24))))), 503, "model-unavailable");

        Assert.Contains("not a valid model card", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_OnnxRuntimeFailsDuringRun_Is500WithCorrelationIdAndServiceCarriesOn()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models/flaky/forecast") { Content = Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))) };
        request.Headers.Add("X-Correlation-Id", "test-run-failure-1");

        var problem = await ProblemAssert.IsProblem(await _client.SendAsync(request), 500, "model-run-failed");

        Assert.Equal("test-run-failure-1", (string)problem["correlationId"]!);
        Assert.Contains("test-run-failure-1", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("Reshape", problem.ToJsonString(), StringComparison.Ordinal);

        // Two series make an even batch, which the same model runs fine.
        var even = await _client.PostAsync("/v1/models/flaky/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)), Requests.Series("b", Requests.Wave(24)))));
        Assert.Equal(System.Net.HttpStatusCode.OK, even.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }
}
