using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ForecastService.EndToEndTests.Infrastructure;

namespace ForecastService.EndToEndTests.Gateway;

/// <summary>The API's own endpoints as a client reaches them through the gateway, under the /forecast/ prefix.</summary>
[Trait("Category", "Slow")]
[Collection(GatewayCollection.Name)]
public sealed class ApiThroughGatewayTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Models_ThroughGateway_ListsEveryShippedModel()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.20"));

        using var response = await client.GetAsync(new Uri("v1/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var models = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var served = models.Select(m => (string)m!["name"]!).Order(StringComparer.Ordinal);
        Assert.Equal(ShippedModels.Latest().Select(m => m.Name), served);
    }

    [Fact]
    public async Task Forecast_EachShippedModelsExample_Returns200WithAForecastPerSeries()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.21"));
        foreach (var model in ShippedModels.Latest())
        {
            var example = model.Example;
            using var body = new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json");

            using var response = await client.PostAsync(new Uri($"v1/models/{model.Name}/forecast", UriKind.Relative), body);

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{model.Name}: {(int)response.StatusCode} {text}");
            var result = JsonNode.Parse(text)!;
            Assert.Equal(model.Name, (string)result["model"]!);
            Assert.Equal(model.Version, (int)result["version"]!);

            // Expected shape from the model's card and the example itself, not from the API.
            var horizon = example["horizon"] is JsonNode h ? (int)h : (int)model.Card["horizon"]!;
            var series = example["series"]!.AsArray();
            var forecasts = result["forecasts"]!.AsArray();
            Assert.Equal(series.Select(s => (string)s!["id"]!), forecasts.Select(f => (string)f!["id"]!));
            foreach (var forecast in forecasts)
            {
                var median = forecast!["median"]!.AsArray();
                Assert.Equal(horizon, median.Count);
                Assert.Equal(horizon, forecast["timestamps"]!.AsArray().Count);
                Assert.All(median, v => Assert.True(double.IsFinite((double)v!)));
            }
        }
    }

    [Fact]
    public async Task Swagger_ThroughGateway_RedirectsRelativelyAndServesTheUi()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.22"));

        using var redirect = await client.GetAsync(new Uri("swagger", UriKind.Relative));
        using var index = await client.GetAsync(new Uri("swagger/index.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        var location = new Uri(new Uri(fixture.ForecastBase, "swagger"), redirect.Headers.Location!);
        Assert.Equal(new Uri(fixture.ForecastBase, "swagger/index.html"), location);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("swagger-ui", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_ThroughGateway_IsGzippedAndItsServerCarriesThePrefix()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.23"), decompress: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("swagger/v1/swagger.json", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var document = await JsonDocument.ParseAsync(gzip);

        // Swagger UI sends "Try it out" requests to servers[0] + path: without the prefix they would miss the gateway.
        var servers = document.RootElement.GetProperty("servers");
        Assert.Equal("/forecast", servers[0].GetProperty("url").GetString());
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/v1/models/{name}/forecast", out _));
    }
}
