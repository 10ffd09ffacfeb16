using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.OpenApi;

public sealed class OpenApiTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(
        FixtureModel.Hourly(),
        new FixtureModel("stock-close", 1, 10, 5, "1bd", [0.05, 0.1, 0.5, 0.9, 0.95]) { Domain = "finance" },
        new FixtureModel("sensor-temp", 3, 12, 4, "10min", [0.1, 0.5, 0.9]) { Domain = "sensor" });

    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public OpenApiTests()
    {
        // energy-load ships its own example; sensor-temp ships a wrong one (too short), which is replaced by a generated one.
        var hours = Requests.Hours(new DateTimeOffset(2026, 1, 7, 0, 0, 0, TimeSpan.Zero), 30);
        File.WriteAllText(Path.Combine(_repository.VersionDirectory("energy-load", 1), "example.json"), Requests.Body(Requests.Series("meter-17", Requests.Wave(30), hours)).ToJsonString());
        File.WriteAllText(Path.Combine(_repository.VersionDirectory("sensor-temp", 3), "example.json"), "{\"series\": [{\"id\": \"x\", \"start\": \"2026-01-01T00:00:00Z\", \"values\": [1, 2]}]}");
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task Document_CoversEveryEndpointAndError()
    {
        var document = await Document();
        var paths = document["paths"]!.AsObject();

        Assert.Equal(
            [
                "/health/live", "/health/ready", "/metrics", "/v1/models", "/v1/models/{name}",
                "/v1/models/{name}/anomalies", "/v1/models/{name}/backtest", "/v1/models/{name}/example-history", "/v1/models/{name}/forecast",
                "/v1/models/{name}/versions/{version}/anomalies", "/v1/models/{name}/versions/{version}/backtest", "/v1/models/{name}/versions/{version}/forecast",
                "/v1/streams", "/v1/streams/{id}", "/v1/streams/{id}/observations",
            ],
            paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var path in paths.Select(p => p.Key).Where(p => p.EndsWith("/forecast", StringComparison.Ordinal) || p.EndsWith("/backtest", StringComparison.Ordinal) || p.EndsWith("/anomalies", StringComparison.Ordinal)))
        {
            var post = paths[path]!["post"]!;
            Assert.Equal(["200", "400", "404", "413", "415", "500", "503"], post["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
            Assert.NotNull(post["requestBody"]!["content"]!["application/json"]);
            Assert.False(string.IsNullOrEmpty((string?)post["summary"]));
        }

        Assert.Equal(["201", "400", "404", "413", "415", "500", "503"], paths["/v1/streams"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["200", "400", "404", "410", "413", "415", "500"], paths["/v1/streams/{id}/observations"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["204", "404"], paths["/v1/streams/{id}"]!["delete"]!["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));

        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.Equal(["horizon", "levels", "series"], schemas["ForecastRequest"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "timestamps", "start", "values"], schemas["SeriesInput"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("lookback", (string)schemas["ForecastRequest"]!["properties"]!["series"]!["description"]!, StringComparison.Ordinal);
        Assert.True(schemas.ContainsKey("ForecastResponse"));
        Assert.True(schemas.ContainsKey("ProblemDetails") || schemas.ContainsKey("HttpValidationProblemDetails"));
    }

    [Fact]
    public async Task Examples_OnePerModel_EachReturns200AsIs()
    {
        var document = await Document();
        var examples = document["paths"]!["/v1/models/{name}/forecast"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();

        Assert.Equal(["energy-load", "sensor-temp", "stock-close"], examples.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("meter-17", (string)examples["energy-load"]!["value"]!["series"]![0]!["id"]!);
        foreach (var (name, example) in examples)
        {
            var response = await _client.PostAsync($"/v1/models/{name}/forecast", Requests.Json(example!["value"]!));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<JsonNode> Document() => JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json"))!;

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }
}
