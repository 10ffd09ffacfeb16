using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>Calls on one stream are serialised: racing copies of the same point advance the state once.</summary>
public sealed class StreamConcurrencyTests
{
    [Fact]
    public async Task Observe_SamePointRacedFromManyClients_IsAcceptedOnceAndTheRestAreDuplicates()
    {
        using var repository = new FixtureRepository();
        var model = StreamingModel.CopyShipped(repository, "sensor-river");
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();
        using var warmed = await client.PostAsync("/v1/streams", Requests.Json(model.WarmBody("race")));
        Assert.Equal(HttpStatusCode.Created, warmed.StatusCode);

        var body = model.ObservationBody(model.Lookback, 1).ToJsonString();
        using var start = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, 8).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await client.PostAsync("/v1/streams/race/observations", Requests.Json(body));
            return response.StatusCode;
        }).ToArray();
        start.Release(calls.Length);
        var statuses = await Task.WhenAll(calls);
        var stream = JsonNode.Parse(await client.GetStringAsync("/v1/streams/race"))!;

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(model.Lookback + 1, (long)stream["points"]!);
        Assert.Equal(model.Timestamps[model.Lookback], (string)stream["lastTimestamp"]!);
    }
}
