using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.ChartPage;

/// <summary>GET /v1/models/{name}/example-history: the model's history.json, else its example request.</summary>
public sealed class ExampleHistoryTests : IDisposable
{
    private const string Url = "/v1/models/energy-load/example-history";
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    private string VersionDirectory => _repository.VersionDirectory("energy-load", 1);

    [Fact]
    public async Task ExampleHistory_HistoryJsonShipped_ReturnsItAndItForecasts()
    {
        var history = Requests.Body(Requests.Series("held-out", Requests.Wave(54)));
        File.WriteAllText(Path.Combine(VersionDirectory, "example.json"), Requests.Body(Requests.Series("example", Requests.Wave(24))).ToJsonString());
        File.WriteAllText(Path.Combine(VersionDirectory, "history.json"), history.ToJsonString());
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(Url);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var forecast = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.DeepEquals(history, body), body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, forecast.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{\"series\": [{\"id\": \"half-writ")]
    [InlineData("{\"series\": []}")]
    public async Task ExampleHistory_NoUsableHistoryJson_ReturnsTheExampleJson(string? history)
    {
        var example = Requests.Body(Requests.Series("example", Requests.Wave(24)));
        File.WriteAllText(Path.Combine(VersionDirectory, "example.json"), example.ToJsonString());
        if (history is not null)
        {
            File.WriteAllText(Path.Combine(VersionDirectory, "history.json"), history);
        }

        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        var body = JsonNode.Parse(await client.GetStringAsync(Url))!;

        Assert.True(JsonNode.DeepEquals(example, body), body.ToJsonString());
    }

    [Fact]
    public async Task ExampleHistory_NeitherFileShipped_ReturnsAGeneratedLookbackThatForecasts()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        var body = JsonNode.Parse(await client.GetStringAsync(Url))!;
        using var forecast = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));

        // The fixture model's lookback is 24 (FixtureModel.Hourly).
        Assert.Equal(24, body["series"]![0]!["values"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, forecast.StatusCode);
    }

    [Theory]
    [InlineData("/v1/models/nope/example-history")]
    [InlineData("/v1/models/..%2F..%2Fetc/example-history")]
    [InlineData("/v1/models/energy-load%2F..%2Fenergy-load/example-history")]
    [InlineData("/v1/models/%2E%2E/example-history")]
    public async Task ExampleHistory_NameNotAModel_Is404Problem(string url)
    {
        File.WriteAllText(Path.Combine(_repository.Root, "history.json"), Requests.Body(Requests.Series("outside", Requests.Wave(24))).ToJsonString());
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);

        await ProblemAssert.IsProblem(response, 404, "not-found");
    }

    [Fact]
    public async Task ExampleHistory_KeyRequired_Is401WithoutItAnd200WithIt()
    {
        const string Key = "forecast-key-0123456789";
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Security:ApiKey:Enabled"] = "true", ["Security:ApiKey:Key"] = Key });
        using var client = factory.CreateClient();
        using var keyed = new HttpRequestMessage(HttpMethod.Get, Url);
        keyed.Headers.Add("X-Api-Key", Key);

        using var without = await client.GetAsync(Url);
        using var with = await client.SendAsync(keyed);

        await ProblemAssert.IsProblem(without, 401, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    public void Dispose() => _repository.Dispose();
}
