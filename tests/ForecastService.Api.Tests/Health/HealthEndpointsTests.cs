using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Health;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Ready_ModelsLoaded_200ListingEachVersionState()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly(), FixtureModel.Hourly() with { Version = 2 });
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(repository.VersionDirectory("energy-load", 3)).FullName, "model.json"), "{}");
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string)body["status"]!);
        var states = body["models"]!.AsArray().Select(m => ((int)m!["version"]!, (string)m["status"]!)).ToArray();
        Assert.Equal([(1, "loaded"), (2, "serving"), (3, "failed")], states);
        Assert.Contains("model.onnx is missing", (string)body["models"]![2]!["error"]!, StringComparison.Ordinal);
        Assert.Equal("CPU", (string)body["models"]![1]!["executionProvider"]!);
    }

    [Fact]
    public async Task Ready_EmptyRepository_503ButLive()
    {
        using var repository = new FixtureRepository();
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", (string)JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["status"]!);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Ready_MissingRepositoryFolder_503()
    {
        using var factory = new ApiFactory(Path.Combine(Path.GetTempPath(), "forecast-api-tests", "missing-" + Guid.NewGuid().ToString("N")));
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
