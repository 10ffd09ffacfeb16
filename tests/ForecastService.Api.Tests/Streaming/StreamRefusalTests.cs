using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>What a stream refuses, and that a refusal leaves the stream as it was.</summary>
public sealed class StreamRefusalTests : IDisposable
{
    private readonly FixtureRepository _repository = new();
    private readonly StreamingModel _model;

    public StreamRefusalTests()
    {
        _model = StreamingModel.CopyShipped(_repository, "sensor-river");
        _repository.Add(FixtureModel.Hourly());
    }

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Observe_DuplicateOfLastTimestamp_Returns400NamingTimestampsAndKeepsTheStream()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        await WarmAsync(client, "dup");

        using var refused = await client.PostAsync("/v1/streams/dup/observations", Requests.Json(_model.ObservationBody(_model.Lookback - 1, 1)));
        using var accepted = await client.PostAsync("/v1/streams/dup/observations", Requests.Json(_model.ObservationBody(_model.Lookback, 1)));

        var problem = await ProblemAssert.IsProblem(refused, 400, "invalid-request", "timestamps[0]");
        Assert.Contains("duplicates the stream's last timestamp", (string)problem["errors"]!["timestamps[0]"]![0]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Observe_EarlierThanLastTimestamp_Returns400OutOfOrder()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        await WarmAsync(client, "old");

        using var refused = await client.PostAsync("/v1/streams/old/observations", Requests.Json(_model.ObservationBody(_model.Lookback - 5, 1)));

        var problem = await ProblemAssert.IsProblem(refused, 400, "invalid-request", "timestamps[0]");
        Assert.Contains("out of order", (string)problem["errors"]!["timestamps[0]"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_RepeatedTimestampWithinTheCall_Returns400NamingThatEntry()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        await WarmAsync(client, "twice");
        var body = _model.ObservationBody(_model.Lookback, 2);
        body["timestamps"]![1] = _model.Timestamps[_model.Lookback];

        using var refused = await client.PostAsync("/v1/streams/twice/observations", Requests.Json(body));

        await ProblemAssert.IsProblem(refused, 400, "invalid-request", "timestamps[1]");
    }

    [Fact]
    public async Task Observe_SkippingAStep_Returns400SayingThereIsAGapAndTheExpectedTimestamp()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        await WarmAsync(client, "gap");

        using var refused = await client.PostAsync("/v1/streams/gap/observations", Requests.Json(_model.ObservationBody(_model.Lookback + 1, 2)));

        var problem = await ProblemAssert.IsProblem(refused, 400, "invalid-request", "timestamps[0]");
        var message = (string)problem["errors"]!["timestamps[0]"]![0]!;
        Assert.Contains("gap", message, StringComparison.Ordinal);
        Assert.Contains(_model.Timestamps[_model.Lookback], message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_NonFiniteValue_Returns400NamingTheValue()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        await WarmAsync(client, "nan");
        var body = $$"""{"timestamps": ["{{_model.Timestamps[_model.Lookback]}}", "{{_model.Timestamps[_model.Lookback + 1]}}"], "values": [1.5, "NaN"]}""";

        using var refused = await client.PostAsync("/v1/streams/nan/observations", Requests.Json(body));

        await ProblemAssert.IsProblem(refused, 400, "invalid-request", "values[1]");
    }

    [Fact]
    public async Task Observe_MorePointsThanTheLimit_Returns413()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:MaxPointsPerObservation"] = "2" });
        using var client = factory.CreateClient();
        await WarmAsync(client, "many");

        using var refused = await client.PostAsync("/v1/streams/many/observations", Requests.Json(_model.ObservationBody(_model.Lookback, 3)));
        using var accepted = await client.PostAsync("/v1/streams/many/observations", Requests.Json(_model.ObservationBody(_model.Lookback, 2)));

        await ProblemAssert.IsProblem(refused, 413, "too-large", "values");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/streams/never-warmed")]
    [InlineData("POST", "/v1/streams/never-warmed/observations")]
    [InlineData("DELETE", "/v1/streams/never-warmed")]
    public async Task AnyCall_UnknownStream_Returns404SayingStateIsInMemoryAndToRewarm(string method, string path)
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Requests.Json(_model.ObservationBody(0, 1));
        }

        using var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblem(response, 404, "not-found");
        var detail = (string)problem["detail"]!;
        Assert.Contains("never-warmed", detail, StringComparison.Ordinal);
        Assert.Contains("in memory only", detail, StringComparison.Ordinal);
        Assert.Contains("restart", detail, StringComparison.Ordinal);
        Assert.Contains("POST /v1/streams", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_StoreFull_Returns503WithRetryAfterButRewarmingAHeldIdSucceeds()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:MaxStreams"] = "1", ["Streaming:SweepInterval"] = "00:00:07" });
        using var client = factory.CreateClient();
        await WarmAsync(client, "first");

        using var refused = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody("second")));
        using var rewarmed = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody("first", from: 1)));
        var metrics = await client.GetStringAsync("/metrics");

        await ProblemAssert.IsProblem(refused, 503, "streams-full");
        Assert.Equal("7", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.Created, rewarmed.StatusCode);
        Assert.Equal(_model.Timestamps[_model.Lookback], (string)JsonNode.Parse(await rewarmed.Content.ReadAsStringAsync())!["lastTimestamp"]!);
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_refused_total"));
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_active"));
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_max"));
    }

    [Fact]
    public async Task Delete_WarmedStream_Returns204AndTheStreamIsGone()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        await WarmAsync(client, "bye");

        using var deleted = await client.DeleteAsync("/v1/streams/bye");
        using var after = await client.GetAsync("/v1/streams/bye");
        var metrics = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblem(after, 404, "not-found");
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_removed_total", ("reason", "deleted")));
        Assert.Equal(0, PrometheusText.Parse(metrics).Value("forecast_streams_active"));
    }

    [Fact]
    public async Task Warm_StreamIdHeaderDiffersFromBodyId_Returns400NamingTheHeader()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/streams") { Content = Requests.Json(_model.WarmBody("body-id")) };
        request.Headers.Add("X-Stream-Id", "header-id");

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblem(response, 400, "invalid-request", "X-Stream-Id");
    }

    [Fact]
    public async Task Warm_ModelWithoutStepModel_Returns400NamingTheModel()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        var body = new JsonObject
        {
            ["model"] = "energy-load",
            ["id"] = "no-step",
            ["timestamps"] = StreamingModel.Array(Requests.Hours(Requests.Start, 24)),
            ["values"] = StreamingModel.Array(Requests.Wave(24)),
        };

        using var response = await client.PostAsync("/v1/streams", Requests.Json(body));

        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", "model");
        Assert.Contains("does not support streaming", (string)problem["errors"]!["model"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_FewerPointsThanTheLookback_Returns400NamingValues()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody("short", count: _model.Lookback - 1)));

        await ProblemAssert.IsProblem(response, 400, "invalid-request", "values");
    }

    private async Task WarmAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody(id)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal($"/v1/streams/{id}", response.Headers.Location?.OriginalString);
    }
}
