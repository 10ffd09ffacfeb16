using System.Diagnostics;
using System.Net;
using ForecastService.Api.Tests.Fixtures;
using Serilog.Events;

namespace ForecastService.Api.Tests.Logging;

/// <summary>Serilog.AspNetCore's completion event, as a real Serilog sink in the test host receives it.</summary>
public sealed class RequestCompletionLoggingTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Forecast_OneRequest_OneCompletionEventWithModelFieldsCorrelationAndTraceIds()
    {
        var sink = new SerilogCapture();
        using var factory = new ApiFactory(_repository.Root).WithWebHostBuilder(sink.AddTo);
        using var client = factory.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models/energy-load/forecast")
        {
            Content = Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)), Requests.Series("b", Requests.Wave(24)))),
        };
        request.Headers.Add("X-Correlation-Id", "completion-1");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = Assert.Single(await Eventually.Get(() => Task.FromResult(sink.Completions("completion-1")), c => c.Count > 0));
        Assert.Equal(LogEventLevel.Information, completion.Level);
        Assert.Equal("POST", SerilogCapture.Scalar(completion, "Method"));
        Assert.Equal("/v1/models/energy-load/forecast", SerilogCapture.Scalar(completion, "Path"));
        Assert.Equal(200, SerilogCapture.Scalar(completion, "StatusCode"));
        Assert.Equal("energy-load", SerilogCapture.Scalar(completion, "Model"));
        Assert.Equal(1, SerilogCapture.Scalar(completion, "ModelVersion"));
        Assert.Equal(FixtureModel.Hourly().Horizon, SerilogCapture.Scalar(completion, "Horizon"));
        Assert.Equal("CPU", SerilogCapture.Scalar(completion, "ExecutionProvider"));
        Assert.Equal(2, SerilogCapture.Scalar(completion, "SeriesCount"));
        Assert.True((double)SerilogCapture.Scalar(completion, "ElapsedMs")! > 0);
        Assert.NotNull(SerilogCapture.Scalar(completion, "ClientAddress"));

        // The caller's trace continues here: the event carries its trace id beside the correlation id.
        Assert.Equal(traceId, completion.TraceId);
        Assert.Equal("completion-1", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Null(completion.Exception);
    }

    [Fact]
    public async Task Request_EncodedControlCharactersInPath_CompletionEventEscapesThem()
    {
        var sink = new SerilogCapture();
        using var factory = new ApiFactory(_repository.Root).WithWebHostBuilder(sink.AddTo);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models/evil%0D%0A%1B[31mforged");
        request.Headers.Add("X-Correlation-Id", "escape-1");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var completion = Assert.Single(await Eventually.Get(() => Task.FromResult(sink.Completions("escape-1")), c => c.Count > 0));
        var path = (string)SerilogCapture.Scalar(completion, "Path")!;
        Assert.Equal("/v1/models/evil\\u000d\\u000a\\u001b[31mforged", path);
        Assert.DoesNotContain('\n', completion.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(404, SerilogCapture.Scalar(completion, "StatusCode"));
        Assert.Null(SerilogCapture.Scalar(completion, "Model"));
    }

    [Fact]
    public async Task Requests_Several_ExactlyOneCompletionEventEach()
    {
        var sink = new SerilogCapture();
        using var factory = new ApiFactory(_repository.Root).WithWebHostBuilder(sink.AddTo);
        using var client = factory.CreateClient();

        foreach (var (method, path, id) in new[] { ("GET", "/v1/models", "one-1"), ("GET", "/health/ready", "one-2"), ("POST", "/v1/models/energy-load/forecast", "one-3") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Requests.Json("{}") : null };
            request.Headers.Add("X-Correlation-Id", id);
            await client.SendAsync(request);
        }

        await Eventually.Get(() => Task.FromResult(sink.Completions("one-3")), c => c.Count > 0);
        Assert.Single(sink.Completions("one-1"));
        Assert.Single(sink.Completions("one-2"));
        Assert.Equal(400, SerilogCapture.Scalar(Assert.Single(sink.Completions("one-3")), "StatusCode"));
    }
}
