using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Hosting;

/// <summary>The built service as a real process on a free loopback port, as the container runs it.</summary>
public sealed class ServiceProcessTests
{
    [Fact]
    public async Task Process_EveryShippedModel_ReadyForecastsLogsAndStops()
    {
        // The shipped models when the repository has them; fixture models until then, so the test never skips.
        var shipped = Path.Combine(RepositoryPaths.Root, "models");
        var shippedModels = Directory.Exists(shipped)
            ? Directory.EnumerateFiles(shipped, "model.onnx", SearchOption.AllDirectories).Select(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f)))!).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
        using var fixtures = FixtureRepository.With(FixtureModel.Hourly(), new FixtureModel("sensor-temp", 1, 12, 4, "10min", [0.1, 0.5, 0.9]) { Domain = "sensor" });
        var root = shippedModels.Length > 0 ? shipped : fixtures.Root;
        string[] expectedModels = shippedModels.Length > 0 ? shippedModels : ["energy-load", "sensor-temp"];

        await using var service = await TestService.StartAsync(root);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        var models = JsonNode.Parse(await client.GetStringAsync("/v1/models"))!.AsArray();
        Assert.Equal(expectedModels, models.Select(m => (string)m!["name"]!).Order(StringComparer.Ordinal));
        Assert.All(models, m => Assert.Equal("ready", (string)m!["status"]!));

        // Each model's example from the OpenAPI document (its example.json when shipped) forecasts as-is.
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var examples = document["paths"]!["/v1/models/{name}/forecast"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        foreach (var name in expectedModels)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{name}/forecast") { Content = Requests.Json(examples[name]!["value"]!) };
            request.Headers.Add("X-Correlation-Id", $"process-{name}");
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {text}");
            var forecast = JsonNode.Parse(text)!["forecasts"]![0]!;
            var median = forecast["median"]!.AsArray();
            Assert.NotEmpty(median);
            Assert.All(median, v => Assert.True(float.IsFinite((float)v!)));
        }

        Assert.Equal(0, service.Stop(TimeSpan.FromSeconds(30)));

        // One compact JSON completion event per request, with the fields issues 4 and 14 list and the trace id.
        var events = service.Output.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
        foreach (var name in expectedModels)
        {
            var p = Assert.Single(events, e => (int?)e["EventId"]?["Id"] == 1000 && (string?)e["CorrelationId"] == $"process-{name}");
            Assert.Matches("^[0-9a-f]{32}$", (string)p["@tr"]!);
            Assert.Contains($"process-{name}", (string)p["@m"]!, StringComparison.Ordinal);
            Assert.Equal("CPU", (string)p["ExecutionProvider"]!);
            Assert.True((int)p["Horizon"]! >= 1);
            Assert.Equal("POST", (string)p["Method"]!);
            Assert.Equal($"/v1/models/{name}/forecast", (string)p["Path"]!);
            Assert.Equal(200, (int)p["StatusCode"]!);
            Assert.Equal(name, (string)p["Model"]!);
            Assert.True((int)p["ModelVersion"]! >= 1);
            Assert.True((int)p["SeriesCount"]! >= 1);
            Assert.True((double)p["ElapsedMs"]! > 0);
        }
    }

    [Fact]
    public void Process_InvalidConfiguration_ExitsWithOneNamingTheKey()
    {
        using var fixtures = FixtureRepository.With(FixtureModel.Hourly());
        using var service = TestService.Launch(fixtures.Root, new Dictionary<string, string> { ["Onnx:ExecutionProvider"] = "tpu" });

        Assert.True(service.WaitForExit(TimeSpan.FromSeconds(60)), "The service kept running with invalid configuration.");
        Assert.Equal(1, service.ExitCode);
        Assert.Contains(service.Output, l => l.Contains("Onnx:ExecutionProvider must be auto, cpu or cuda", StringComparison.Ordinal));
    }
}
