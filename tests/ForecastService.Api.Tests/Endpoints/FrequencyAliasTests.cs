using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Endpoints;

/// <summary>A hand-written card and graph that name their frequency by an alias ("hourly") serve as the canonical 1h.</summary>
public sealed class FrequencyAliasTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly() with { Frequency = "hourly" });
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public FrequencyAliasTests()
    {
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }

    [Fact]
    public async Task ListModels_CardWithFrequencyAlias_ReadyWithCanonicalFrequency()
    {
        var model = JsonNode.Parse(await _client.GetStringAsync("/v1/models"))!.AsArray().Single()!;

        Assert.Equal("ready", (string)model["status"]!);
        Assert.Equal("1h", (string)model["frequency"]!);
    }

    [Fact]
    public async Task Forecast_CardWithFrequencyAlias_StepsHourly()
    {
        var response = await _client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("m", Requests.Wave(24)))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forecast = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["forecasts"]![0]!;
        Assert.Equal(Requests.Hours(Requests.Start.AddHours(24), 6), forecast["timestamps"]!.AsArray().Select(t => (string)t!));
    }
}
