using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ForecastService.EndToEndTests.Infrastructure;

namespace ForecastService.EndToEndTests.Gateway;

/// <summary>
/// Streams through the gateway in front of two API instances: each stream's state lives in one instance's memory,
/// so the gateway must send all of a stream's calls to that instance. With round-robin or random routing about half
/// of the observations would reach the other instance and answer 404.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GatewayCollection.Name)]
public sealed class StreamsThroughGatewayTests(GatewayFixture fixture)
{
    private const int Streams = 6;
    private const int Observations = 10;

    [Fact]
    public async Task Streams_WarmedThroughGateway_AcceptTenObservationsInARowOnOneInstance()
    {
        var (model, history) = StreamingModel();
        var card = model.Card;
        var lookback = (int)card["lookback"]!;
        var series = history["series"]![0]!;
        var timestamps = series["timestamps"]!.AsArray().Select(t => (string)t!).ToArray();
        var values = series["values"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.True(values.Length >= lookback + Observations, $"{model.Name}'s history.json has {values.Length} points; the test needs {lookback + Observations}.");

        for (var s = 0; s < Streams; s++)
        {
            // One loopback address per stream: its own rate-limit bucket, and its own lines in the access log.
            var source = IPAddress.Parse($"127.0.0.{40 + s}");
            var id = $"e2e-stream-{s}";
            using var client = LoopbackClient.Create(fixture.ForecastBase, source);
            var warm = new JsonObject
            {
                ["model"] = model.Name,
                ["id"] = id,
                ["timestamps"] = Array(timestamps.Take(lookback)),
                ["values"] = Array(values.Take(lookback)),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/streams", UriKind.Relative)) { Content = Json(warm) };
            request.Headers.Add("X-Stream-Id", id);
            using var warmed = await client.SendAsync(request);
            var warmText = await warmed.Content.ReadAsStringAsync();
            Assert.True(warmed.StatusCode == HttpStatusCode.Created, $"warm {id}: {(int)warmed.StatusCode} {warmText}\n{fixture.Describe()}");
            Assert.Equal($"/forecast/v1/streams/{id}", warmed.Headers.Location?.OriginalString);

            for (var i = 0; i < Observations; i++)
            {
                var point = new JsonObject
                {
                    ["timestamps"] = Array([timestamps[lookback + i]]),
                    ["values"] = Array([values[lookback + i]]),
                };
                using var observed = await client.PostAsync(new Uri($"v1/streams/{id}/observations", UriKind.Relative), Json(point));
                var text = await observed.Content.ReadAsStringAsync();
                Assert.True(observed.StatusCode == HttpStatusCode.OK, $"{id} observation {i + 1}: {(int)observed.StatusCode} {text}");
                Assert.Equal(timestamps[lookback + i], (string)JsonNode.Parse(text)!["lastTimestamp"]!);
            }

            // Every line of this client in nginx's access log names the same upstream instance.
            var upstreams = await UpstreamsOfAsync(source, expectedLines: Observations + 1);
            Assert.True(upstreams.Distinct().Count() == 1, $"{id} was served by {string.Join(", ", upstreams)}");
        }
    }

    [Fact]
    public async Task WarmStream_ThroughGatewayWithoutStreamIdHeader_Returns400ProblemFromTheGateway()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.39"));
        var body = new JsonObject { ["model"] = "any", ["id"] = "no-header", ["timestamps"] = new JsonArray(), ["values"] = new JsonArray() };

        using var response = await client.PostAsync(new Uri("v1/streams", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)problem["status"]!);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("X-Stream-Id"));

        // Answered by nginx itself: the API would have added a correlation id.
        Assert.False(response.Headers.Contains("X-Correlation-Id"));
    }

    private static (ShippedModel Model, JsonObject History) StreamingModel()
    {
        foreach (var model in ShippedModels.Latest())
        {
            var history = Path.Combine(model.Directory, "history.json");
            if (model.Card["streaming"]?["supported"]?.GetValue<bool>() == true && File.Exists(history))
            {
                return (model, (JsonObject)JsonNode.Parse(File.ReadAllText(history))!);
            }
        }

        Assert.Fail("No shipped model supports streaming with a history.json; models/ should ship at least one.");
        throw new UnreachableException();
    }

    private async Task<List<string>> UpstreamsOfAsync(IPAddress source, int expectedLines)
    {
        var prefix = source + " ";
        var clock = Stopwatch.StartNew();
        List<string> lines;
        do
        {
            // nginx writes its access log line after the response; allow it a moment.
            lines = [.. File.ReadAllLines(fixture.Gateway.AccessLogPath).Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains("/v1/streams", StringComparison.Ordinal))];
            if (lines.Count >= expectedLines)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(lines.Count >= expectedLines, $"Expected {expectedLines} access-log lines from {source}, found {lines.Count}.");
        return [.. lines.Select(l => l[(l.IndexOf("upstream=", StringComparison.Ordinal) + "upstream=".Length)..].Split(' ')[0])];
    }

    private static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    private static JsonArray Array(IEnumerable<double> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
