using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Api.Tests.Streaming;

namespace ForecastService.Api.Tests.OpenApi;

/// <summary>Swagger's stream examples come from the model's history.json and work as-is, in order.</summary>
public sealed class StreamExamplesFilterTests
{
    [Fact]
    public async Task Examples_FromHistory_WarmThenObserveAsIs()
    {
        using var repository = new FixtureRepository();
        var model = StreamingModel.CopyShipped(repository, "sensor-river");
        repository.Add(FixtureModel.Hourly());
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();

        var paths = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!["paths"]!;
        var warm = paths["/v1/streams"]!["post"]!;
        var observe = paths["/v1/streams/{id}/observations"]!["post"]!;
        var warmExamples = warm["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        var observeExample = observe["requestBody"]!["content"]!["application/json"]!["examples"]!["sensor-river"]!["value"]!;
        var id = (string)observe["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "id")!["examples"]!["sensor-river"]!["value"]!;

        // Only the streaming model has examples; the warm-up is the history's first lookback points, then the next three.
        Assert.Equal(["sensor-river"], warmExamples.Select(e => e.Key));
        var warmBody = warmExamples["sensor-river"]!["value"]!;
        Assert.Equal(id, (string)warmBody["id"]!);
        Assert.Equal(model.Values.Take(model.Lookback), warmBody["values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(model.Timestamps.Skip(model.Lookback).Take(3), observeExample["timestamps"]!.AsArray().Select(t => (string)t!));
        Assert.Contains("Streams", warm["tags"]!.AsArray().Select(t => (string)t!));

        using var warmed = await client.PostAsync("/v1/streams", Requests.Json(warmBody.ToJsonString()));
        using var observed = await client.PostAsync($"/v1/streams/{Uri.EscapeDataString(id)}/observations", Requests.Json(observeExample.ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, warmed.StatusCode);
        Assert.True(observed.StatusCode == HttpStatusCode.OK, await observed.Content.ReadAsStringAsync());
    }
}
