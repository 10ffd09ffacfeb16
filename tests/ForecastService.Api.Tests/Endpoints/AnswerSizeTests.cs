using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Endpoints;

/// <summary>
/// Issue 15: 100 000 repeats of level 80 (580 KB) got 30.8 MB back. Levels are answered once each, the list is
/// bounded (RequestLimits:MaxLevels, 400) and so is the whole answer (RequestLimits:MaxResponseValues, 413).
/// </summary>
public sealed class AnswerSizeTests : IDisposable
{
    private const string Url = "/v1/models/energy-load/forecast";
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Forecast_RepeatedLevel_AnswersItOnce()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        var body = Requests.Body(Requests.Series("a", Requests.Wave(24)));
        body["levels"] = new JsonArray(80, 80, 80.0, 80);

        using var response = await client.PostAsync(Url, Requests.Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var interval = Assert.Single(JsonNode.Parse(text)!["forecasts"]![0]!["intervals"]!.AsArray());
        Assert.Equal(80, (double)interval!["level"]!);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(100_000)]
    public async Task Forecast_MoreLevelsThanMaxLevels_Returns400NamingTheSetting(int count)
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        var body = Requests.Body(Requests.Series("a", Requests.Wave(24)));
        body["levels"] = new JsonArray([.. Enumerable.Repeat<JsonNode?>(null, count).Select(_ => (JsonNode?)JsonValue.Create(80))]);

        using var response = await client.PostAsync(Url, Requests.Json(body));

        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", "levels");
        Assert.Contains("RequestLimits:MaxLevels", (string)problem["errors"]!["levels"]![0]!, StringComparison.Ordinal);
        Assert.True(response.Content.Headers.ContentLength < 4096, $"{response.Content.Headers.ContentLength} bytes");
    }

    [Fact]
    public async Task Forecast_AnswerOverMaxResponseValues_Returns413NamingTheSetting()
    {
        // The fixture answers 6 steps × (median + 3 quantiles + 2 bounds of level 80 + timestamp) = 42 numbers a series.
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["RequestLimits:MaxResponseValues"] = "1000" });
        using var client = factory.CreateClient();
        var fits = Requests.Body([.. Enumerable.Range(0, 23).Select(i => Requests.Series($"s{i}", Requests.Wave(24)))]);
        var over = Requests.Body([.. Enumerable.Range(0, 24).Select(i => Requests.Series($"s{i}", Requests.Wave(24)))]);

        using var ok = await client.PostAsync(Url, Requests.Json(fits));
        using var tooLarge = await client.PostAsync(Url, Requests.Json(over));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var problem = await ProblemAssert.IsProblem(tooLarge, 413, "too-large", "$");
        Assert.Contains("1008 numbers", (string)problem["errors"]!["$"]![0]!, StringComparison.Ordinal);
        Assert.Contains("RequestLimits:MaxResponseValues", (string)problem["errors"]!["$"]![0]!, StringComparison.Ordinal);
    }
}
