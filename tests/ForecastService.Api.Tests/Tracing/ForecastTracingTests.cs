using System.Diagnostics;
using System.Net;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Api.Tracing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace ForecastService.Api.Tests.Tracing;

/// <summary>
/// The spans of real requests, through OpenTelemetry's in-memory exporter with the instrumentation the service uses for
/// OTLP. Listeners are process-wide, so each test reads only the spans of the trace it started itself.
/// </summary>
public sealed class ForecastTracingTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Forecast_QueuedForBatching_SpanTreeRequestOperationValidateQueueRun()
    {
        var spans = new List<Activity>();

        // A queue delay sends the call through the batch queue rather than the idle inline run.
        using var factory = Traced(new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Batching:MaxQueueDelay"] = "00:00:00.005" }), spans);
        using var client = factory.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();

        var response = await ForecastAsync(client, traceId, "trace-1", series: 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = await SpansOf(spans, traceId, expected: 5);
        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        var operation = Assert.Single(trace, s => s.OperationName == "forecast");
        var validate = Assert.Single(trace, s => s.OperationName == ForecastTracing.ValidateSpan);
        var queue = Assert.Single(trace, s => s.OperationName == ForecastTracing.QueueSpan);
        var run = Assert.Single(trace, s => s.OperationName == ForecastTracing.RunSpan);
        Assert.Equal(5, trace.Count);

        Assert.Equal(request.SpanId, operation.ParentSpanId);
        Assert.All([validate, queue, run], child => Assert.Equal(operation.SpanId, child.ParentSpanId));
        Assert.Equal(3, run.GetTagItem(ForecastTracing.BatchSizeAttribute));
        Assert.Equal(3, run.GetTagItem(ForecastTracing.CallWindowsAttribute));

        // In order: validated, then queued (at least the configured delay), then run.
        Assert.True(validate.StartTimeUtc + validate.Duration <= queue.StartTimeUtc + TimeSpan.FromMilliseconds(1));
        Assert.True(queue.Duration >= TimeSpan.FromMilliseconds(4), $"queue span {queue.Duration}");
        Assert.True(queue.StartTimeUtc + queue.Duration <= run.StartTimeUtc + TimeSpan.FromMilliseconds(1));

        Assert.Equal("energy-load", operation.GetTagItem(ForecastTracing.ModelAttribute));
        Assert.Equal(1, operation.GetTagItem(ForecastTracing.ModelVersionAttribute));
        Assert.Equal(6, operation.GetTagItem(ForecastTracing.HorizonAttribute));
        Assert.Equal("CPU", operation.GetTagItem(ForecastTracing.ExecutionProviderAttribute));
        Assert.Equal(3, operation.GetTagItem(ForecastTracing.SeriesCountAttribute));
        Assert.Equal("trace-1", request.GetTagItem(ForecastTracing.CorrelationIdAttribute));
    }

    [Fact]
    public async Task Forecast_IdleBatcher_RunsInlineUnderTheOperationWithoutAQueueSpan()
    {
        var spans = new List<Activity>();
        using var factory = Traced(new ApiFactory(_repository.Root), spans);
        using var client = factory.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();

        var response = await ForecastAsync(client, traceId, "trace-2", series: 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = await SpansOf(spans, traceId, expected: 4);
        var operation = Assert.Single(trace, s => s.OperationName == "forecast");
        var run = Assert.Single(trace, s => s.OperationName == ForecastTracing.RunSpan);
        Assert.Equal(operation.SpanId, run.ParentSpanId);
        Assert.Equal(2, run.GetTagItem(ForecastTracing.BatchSizeAttribute));
        Assert.DoesNotContain(trace, s => s.OperationName == ForecastTracing.QueueSpan);
    }

    [Fact]
    public async Task Backtest_Traced_OperationWithValidateAndRuns()
    {
        var spans = new List<Activity>();
        using var factory = Traced(new ApiFactory(_repository.Root), spans);
        using var client = factory.CreateClient();
        var traceId = ActivityTraceId.CreateRandom();
        var body = new System.Text.Json.Nodes.JsonObject { ["windows"] = 3, ["series"] = new System.Text.Json.Nodes.JsonArray(Requests.Series("a", Requests.Wave(60))) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models/energy-load/backtest") { Content = Requests.Json(body) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trace = await SpansOf(spans, traceId, expected: 4);
        var operation = Assert.Single(trace, s => s.OperationName == "backtest");
        Assert.Single(trace, s => s.OperationName == ForecastTracing.ValidateSpan && s.ParentSpanId == operation.SpanId);
        Assert.Contains(trace, s => s.OperationName == ForecastTracing.RunSpan && s.ParentSpanId == operation.SpanId);
        Assert.Equal(1, operation.GetTagItem(ForecastTracing.SeriesCountAttribute));
    }

    [Fact]
    public void Host_NoOtlpEndpoint_BuildsNoTracer()
    {
        using var factory = new ApiFactory(_repository.Root);

        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Traced(ApiFactory factory, List<Activity> spans) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddForecastInstrumentation().AddInMemoryExporter(spans))));

    private static async Task<HttpResponseMessage> ForecastAsync(HttpClient client, ActivityTraceId traceId, string correlationId, int series)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models/energy-load/forecast")
        {
            Content = Requests.Json(Requests.Body([.. Enumerable.Range(0, series).Select(i => Requests.Series($"s{i}", Requests.Wave(24)))])),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        request.Headers.Add("X-Correlation-Id", correlationId);
        return await client.SendAsync(request);
    }

    /// <summary>The finished spans of one trace; the server span ends just after the client has its answer.</summary>
    private static async Task<List<Activity>> SpansOf(List<Activity> spans, ActivityTraceId traceId, int expected) =>
        await Eventually.Get(
            () =>
            {
                lock (spans)
                {
                    return Task.FromResult(spans.Where(s => s.TraceId == traceId).ToList());
                }
            },
            trace => trace.Count >= expected);
}
