using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>How long a stream lives: until idle for the timeout (on the injected clock), deleted, or its model goes.</summary>
public sealed class StreamLifetimeTests : IDisposable
{
    private readonly FixtureRepository _repository = new();
    private readonly StreamingModel _model;

    public StreamLifetimeTests()
    {
        _model = StreamingModel.CopyShipped(_repository, "sensor-river");
        _repository.Add(FixtureModel.Hourly());
    }

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Get_AfterIdleTimeout_Returns404AndCountsAnIdleEviction()
    {
        var time = new ManualTimeProvider();
        using var host = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:IdleTimeout"] = "00:10:00" });
        using var factory = WithTime(host, time);
        using var client = factory.CreateClient();
        await WarmAsync(client, "idle");

        time.Advance(TimeSpan.FromMinutes(9));
        using var stillThere = await client.GetAsync("/v1/streams/idle");
        time.Advance(TimeSpan.FromMinutes(9));
        using var touchedInTime = await client.PostAsync("/v1/streams/idle/observations", Requests.Json(_model.ObservationBody(_model.Lookback, 1)));
        time.Advance(TimeSpan.FromMinutes(10));
        using var expired = await client.GetAsync("/v1/streams/idle");
        var metrics = await client.GetStringAsync("/metrics");

        // Each call restarts the idle clock: 9 + 9 minutes in all is fine, 10 without a call is not.
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, touchedInTime.StatusCode);
        var problem = await ProblemAssert.IsProblem(expired, 404, "not-found");
        Assert.Contains("in memory only", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_removed_total", ("reason", "idle")));
        Assert.Equal(0, PrometheusText.Parse(metrics).Value("forecast_streams_active"));
        Assert.Equal(600, PrometheusText.Parse(metrics).Value("forecast_streams_idle_timeout_seconds"));
    }

    [Fact]
    public async Task Sweep_AfterIdleTimeout_DropsStreamsNobodyCalls()
    {
        var time = new ManualTimeProvider();
        using var host = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:IdleTimeout"] = "00:01:00", ["Streaming:SweepInterval"] = "00:00:00.100" });
        using var factory = WithTime(host, time);
        using var client = factory.CreateClient();
        await WarmAsync(client, "a");
        await WarmAsync(client, "b");
        var before = await client.GetStringAsync("/metrics");

        time.Advance(TimeSpan.FromMinutes(2));
        // Each stream is dropped, then its removal counted: wait for both.
        var after = await Eventually.Get(
            async () => PrometheusText.Parse(await client.GetStringAsync("/metrics")),
            m => m.Value("forecast_streams_active") == 0 && m.Value("forecast_streams_removed_total", ("reason", "idle")) == 2);
        using var swept = await client.GetAsync("/v1/streams/a");

        Assert.Equal(2, PrometheusText.Parse(before).Value("forecast_streams_active"));
        Assert.Equal(0, after.Value("forecast_streams_active"));
        Assert.Equal(2, after.Value("forecast_streams_removed_total", ("reason", "idle")));
        var problem = await ProblemAssert.IsProblem(swept, 404, "not-found");
        Assert.Contains("after going without a call for the idle timeout", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterTheSweepDroppedAStreamWhoseModelWasRemoved_Returns410OnceWithinTheIdleTimeout()
    {
        // Issue 15: the sweep dropped such a stream first, and its next call got a 404 that said nothing of the model.
        var time = new ManualTimeProvider();
        using var host = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:IdleTimeout"] = "00:10:00", ["Streaming:SweepInterval"] = "00:00:00.100" });
        using var factory = WithTime(host, time);
        using var client = factory.CreateClient();
        await WarmAsync(client, "orphan");
        await WarmAsync(client, "late");

        Directory.Delete(Path.GetDirectoryName(_model.Directory)!, recursive: true);
        await Eventually.Get(
            async () => PrometheusText.Parse(await client.GetStringAsync("/metrics")),
            m => m.Value("forecast_streams_removed_total", ("reason", "model_unloaded")) == 2,
            TimeSpan.FromSeconds(60));
        time.Advance(TimeSpan.FromMinutes(9));
        using var gone = await client.PostAsync("/v1/streams/orphan/observations", Requests.Json(_model.ObservationBody(_model.Lookback, 1)));
        using var again = await client.GetAsync("/v1/streams/orphan");
        time.Advance(TimeSpan.FromMinutes(2));
        using var forgotten = await client.GetAsync("/v1/streams/late");

        var problem = await ProblemAssert.IsProblem(gone, 410, "stream-model-unloaded");
        Assert.Contains("'sensor-river' v1", (string)problem["detail"]!, StringComparison.Ordinal);
        await ProblemAssert.IsProblem(again, 404, "not-found");
        var plain = await ProblemAssert.IsProblem(forgotten, 404, "not-found");
        Assert.Contains("in memory only", (string)plain["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_AgainAfterItsVersionWasReplacedAndDeleted_ForgetsTheEviction()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:SweepInterval"] = "00:00:00.100" });
        using var client = factory.CreateClient();
        await WarmAsync(client, "again");

        // Version 2 replaces version 1, which is then deleted: the sweep drops the stream pinned to v1.
        var v2 = _repository.VersionDirectory("sensor-river", 2);
        Directory.CreateDirectory(v2);
        foreach (var file in Directory.GetFiles(_model.Directory).OrderBy(f => f.EndsWith(".onnx", StringComparison.Ordinal)))
        {
            var target = Path.Combine(v2, Path.GetFileName(file));
            if (Path.GetFileName(file) == "model.json")
            {
                File.WriteAllText(target, File.ReadAllText(file).Replace("\"version\": 1,", "\"version\": 2,", StringComparison.Ordinal));
            }
            else
            {
                File.Copy(file, target);
            }
        }

        await Eventually.Get(() => client.GetStringAsync("/v1/models/sensor-river"), m => m.Contains("\"version\":2", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Directory.Delete(_model.Directory, recursive: true);
        await Eventually.Get(
            async () => PrometheusText.Parse(await client.GetStringAsync("/metrics")),
            m => m.Value("forecast_streams_removed_total", ("reason", "model_unloaded")) == 1,
            TimeSpan.FromSeconds(60));
        await WarmAsync(client, "again");
        using var shown = await client.GetAsync("/v1/streams/again");

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(2, (int)JsonNode.Parse(await shown.Content.ReadAsStringAsync())!["version"]!);
    }

    [Fact]
    public async Task Observe_AfterTheModelVersionWasRemoved_Returns410ToRewarmThen404()
    {
        // No sweep during the test: it would drop the stream first (then the call answers 404, also saying re-warm).
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:SweepInterval"] = "01:00:00" });
        using var client = factory.CreateClient();
        await WarmAsync(client, "orphan");

        Directory.Delete(Path.GetDirectoryName(_model.Directory)!, recursive: true);
        await Eventually.Get(() => client.GetAsync("/v1/models/sensor-river"), r => r.StatusCode == HttpStatusCode.NotFound);
        using var gone = await client.PostAsync("/v1/streams/orphan/observations", Requests.Json(_model.ObservationBody(_model.Lookback, 1)));
        using var after = await client.GetAsync("/v1/streams/orphan");
        var metrics = await client.GetStringAsync("/metrics");

        var problem = await ProblemAssert.IsProblem(gone, 410, "stream-model-unloaded");
        Assert.Contains("re-warm it with POST /v1/streams", (string)problem["detail"]!, StringComparison.Ordinal);
        await ProblemAssert.IsProblem(after, 404, "not-found");
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_removed_total", ("reason", "model_unloaded")));
    }

    [Fact]
    public async Task Sweep_AfterTheModelVersionWasRemoved_DropsItsStreamsAndFreesTheModel()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Streaming:SweepInterval"] = "00:00:00.100" });
        using var client = factory.CreateClient();
        await WarmAsync(client, "pinned");

        Directory.Delete(Path.GetDirectoryName(_model.Directory)!, recursive: true);
        // The store drops the stream, then counts the removal: a scrape in between sees neither, so wait for both.
        var metrics = await Eventually.Get(
            async () => PrometheusText.Parse(await client.GetStringAsync("/metrics")),
            m => m.Value("forecast_streams_active") == 0 && m.Value("forecast_streams_removed_total", ("reason", "model_unloaded")) == 1,
            TimeSpan.FromSeconds(60));
        using var after = await client.GetAsync("/v1/streams/pinned");
        using var later = await client.GetAsync("/v1/streams/pinned");

        Assert.Equal(0, metrics.Value("forecast_streams_active"));
        Assert.Equal(1, metrics.Value("forecast_streams_removed_total", ("reason", "model_unloaded")));
        await ProblemAssert.IsProblem(after, 410, "stream-model-unloaded");
        await ProblemAssert.IsProblem(later, 404, "not-found");
    }

    [Fact]
    public async Task Metrics_AfterWarmAndObservations_CountThem()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        await WarmAsync(client, "counted");
        using var one = await client.PostAsync("/v1/streams/counted/observations", Requests.Json(_model.ObservationBody(_model.Lookback, 1)));
        using var three = await client.PostAsync("/v1/streams/counted/observations", Requests.Json(_model.ObservationBody(_model.Lookback + 1, 3)));

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_warmed_total"));
        Assert.Equal(2, PrometheusText.Parse(metrics).Value("forecast_stream_observations_total"));
        Assert.Equal(4, PrometheusText.Parse(metrics).Value("forecast_stream_observation_points_total"));
        Assert.Equal(1, PrometheusText.Parse(metrics).Value("forecast_streams_active"));
    }

    [Fact]
    public async Task GetModel_ShowsWhetherItsServingVersionStreams()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        var streaming = JsonNode.Parse(await client.GetStringAsync("/v1/models/sensor-river"))!;
        var windowOnly = JsonNode.Parse(await client.GetStringAsync("/v1/models/energy-load"))!;

        Assert.True((bool)streaming["streaming"]!);
        Assert.False((bool)windowOnly["streaming"]!);
    }

    private static WebApplicationFactory<Program> WithTime(ApiFactory factory, TimeProvider time) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton(time)));

    private async Task WarmAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody(id)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
