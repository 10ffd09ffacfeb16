using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.OpenApi;

public sealed class AnalysisExamplesTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(
        FixtureModel.Hourly() with { Seasonality = 24 },
        new FixtureModel("sensor-temp", 3, 12, 4, "10min", [0.1, 0.5, 0.9]) { Domain = "sensor" });

    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public AnalysisExamplesTests()
    {
        // energy-load ships a history of lookback + 5 * horizon = 24 + 30 points, as the trainer writes it; sensor-temp none.
        var history = Requests.Body(Requests.Series("meter-17", Requests.Wave(54), Requests.Hours(new DateTimeOffset(2026, 1, 7, 0, 0, 0, TimeSpan.Zero), 54)));
        File.WriteAllText(Path.Combine(_repository.VersionDirectory("energy-load", 1), "history.json"), history.ToJsonString());
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient();
    }

    [Theory]
    [InlineData("backtest")]
    [InlineData("anomalies")]
    public async Task Examples_ModelWithHistory_OneExampleThatReturns200AsIs(string route)
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var operation = document["paths"]![$"/v1/models/{{name}}/{route}"]!["post"]!;
        var examples = operation["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();

        // sensor-temp has no history.json, so only energy-load has an example.
        var (name, example) = Assert.Single(examples);
        Assert.Equal("energy-load", name);
        var body = example!["value"]!;
        Assert.Equal("meter-17", (string)body["series"]![0]!["id"]!);
        Assert.Equal(54, body["series"]![0]!["values"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string?)operation["summary"]));

        var response = await _client.PostAsync($"/v1/models/{name}/{route}", Requests.Json(body));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        if (route == "backtest")
        {
            // Seasonal naive needs 24 + 2 points before the first origin: 54 - 26 - 6 = 22 -> 4 whole horizons.
            Assert.Equal(4, (int)body["windows"]!);
            Assert.Equal(6, (int)body["step"]!);
            Assert.Equal(4, (int)JsonNode.Parse(text)!["series"]![0]!["windows"]!);
        }
        else
        {
            Assert.Equal(30, (int)JsonNode.Parse(text)!["series"]![0]!["checked"]!);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }
}
