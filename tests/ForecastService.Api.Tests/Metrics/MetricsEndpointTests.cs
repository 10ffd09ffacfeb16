using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Metrics;

/// <summary>/metrics as OpenTelemetry's Prometheus exporter serves it, read through a strict parser after real requests.</summary>
public sealed class MetricsEndpointTests
{
    private const string ForecastRoute = "/v1/models/{name}/forecast";

    [Fact]
    public async Task Metrics_AfterForecasts_CountsByModelVersionStatusAndTimesRuns()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly());
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(repository.VersionDirectory("broken", 1)).FullName, "model.json"), "{}");
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();
        var body = ThreeSeries();
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json("{}"));

        var response = await client.GetAsync("/metrics");
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, metrics.Value("forecast_http_requests_total", ("route", ForecastRoute), ("model", "energy-load"), ("version", "1"), ("status", "200")));
        Assert.Equal(1, metrics.Value("forecast_http_requests_total", ("route", ForecastRoute), ("model", "energy-load"), ("version", "1"), ("status", "400")));
        Assert.Equal(3, metrics.Value("forecast_http_request_duration_seconds_count", ("route", ForecastRoute), ("model", "energy-load")));
        Assert.Equal(2, metrics.Value("forecast_onnxruntime_run_duration_seconds_count", ("model", "energy-load"), ("version", "1"), ("execution_provider", "CPU")));
        Assert.Equal(6, metrics.Value("forecast_onnxruntime_batch_size_sum", ("model", "energy-load"), ("version", "1")));

        // Two calls of three series: both fall in the le="4" bucket, none in le="2".
        Assert.Equal(2, metrics.Value("forecast_series_per_request_bucket", ("model", "energy-load"), ("le", "4")));
        Assert.Equal(0, metrics.Value("forecast_series_per_request_bucket", ("model", "energy-load"), ("le", "2")));
        Assert.Equal(6, metrics.Value("forecast_series_per_request_sum", ("model", "energy-load")));
        Assert.Equal(1, metrics.Value("forecast_models_loaded"));
        Assert.Equal(1, metrics.Value("forecast_models_failed"));
        Assert.Equal(1, metrics.Value("forecast_model_info", ("model", "energy-load"), ("version", "1"), ("status", "loaded"), ("execution_provider", "CPU")));
        Assert.Equal(1, metrics.Value("forecast_model_info", ("model", "broken"), ("version", "1"), ("status", "failed"), ("execution_provider", "")));
        Assert.Equal("histogram", metrics.Types["forecast_http_request_duration_seconds"]);
        Assert.Equal("counter", metrics.Types["forecast_http_requests_total"]);
        Assert.Equal("gauge", metrics.Types["forecast_models_loaded"]);

        // ASP.NET Core's own request metric, by route and status, beside ours.
        Assert.Equal(2, metrics.Samples.Single(s => s.Name == "http_server_request_duration_seconds_count"
            && s.Labels["http_route"] == ForecastRoute && s.Labels["http_response_status_code"] == "200").Value);
    }

    [Fact]
    public async Task Metrics_OneForecast_MovesEachInstrumentByItsAmount()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly());
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(ThreeSeries()));
        var before = PrometheusText.Parse(await client.GetStringAsync("/metrics"));

        var response = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(ThreeSeries()));
        var after = PrometheusText.Parse(await client.GetStringAsync("/metrics"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        double Moved(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);
        Assert.Equal(1, Moved("forecast_http_requests_total", ("route", ForecastRoute), ("model", "energy-load"), ("version", "1"), ("status", "200")));
        Assert.Equal(1, Moved("forecast_http_request_duration_seconds_count", ("route", ForecastRoute), ("model", "energy-load")));
        Assert.True(Moved("forecast_http_request_duration_seconds_sum", ("route", ForecastRoute), ("model", "energy-load")) > 0);
        Assert.Equal(1, Moved("forecast_onnxruntime_run_duration_seconds_count", ("model", "energy-load"), ("version", "1"), ("execution_provider", "CPU")));
        Assert.Equal(1, Moved("forecast_onnxruntime_batch_size_count", ("model", "energy-load"), ("version", "1")));
        Assert.Equal(3, Moved("forecast_onnxruntime_batch_size_sum", ("model", "energy-load"), ("version", "1")));
        Assert.Equal(1, Moved("forecast_series_per_request_count", ("model", "energy-load")));
        Assert.Equal(3, Moved("forecast_series_per_request_sum", ("model", "energy-load")));
        Assert.Equal(1, Moved("forecast_series_per_request_bucket", ("model", "energy-load"), ("le", "4")));
        Assert.Equal(0, Moved("forecast_series_per_request_bucket", ("model", "energy-load"), ("le", "2")));
        Assert.Equal(1, Moved("forecast_batch_queue_wait_seconds_count", ("model", "energy-load"), ("version", "1")));
    }

    [Fact]
    public async Task Metrics_QueuedForecast_RecordsQueueWaitAndBatchSize()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly());

        // A queue delay sends every call through the batch queue (no inline run).
        using var factory = new ApiFactory(repository.Root, new Dictionary<string, string?> { ["Batching:MaxQueueDelay"] = "00:00:00.005" });
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(ThreeSeries()));
        var metrics = PrometheusText.Parse(await client.GetStringAsync("/metrics"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, metrics.Value("forecast_batch_queue_wait_seconds_count", ("model", "energy-load"), ("version", "1")));

        // It waited at least the configured delay for batch-mates that never came.
        Assert.True(metrics.Value("forecast_batch_queue_wait_seconds_sum", ("model", "energy-load"), ("version", "1")) >= 0.004);
        Assert.Equal(3, metrics.Value("forecast_onnxruntime_batch_size_sum", ("model", "energy-load"), ("version", "1")));
    }

    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachCountsOnlyItsOwnRequests()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly());
        using var busy = new ApiFactory(repository.Root);
        using var idle = new ApiFactory(repository.Root);
        using var busyClient = busy.CreateClient();
        using var idleClient = idle.CreateClient();

        await busyClient.PostAsync("/v1/models/energy-load/forecast", Requests.Json(ThreeSeries()));
        var busyMetrics = PrometheusText.Parse(await busyClient.GetStringAsync("/metrics"));
        var idleMetrics = PrometheusText.Parse(await idleClient.GetStringAsync("/metrics"));

        // Same meter names in one process (as the test servers run): each host's exporter reads its own meters only.
        Assert.Equal(1, busyMetrics.Value("forecast_http_requests_total", ("route", ForecastRoute), ("model", "energy-load"), ("version", "1"), ("status", "200")));
        Assert.Equal(0, idleMetrics.ValueOrZero("forecast_http_requests_total", ("route", ForecastRoute), ("model", "energy-load"), ("version", "1"), ("status", "200")));
        Assert.DoesNotContain(idleMetrics.Samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels["http_route"] == ForecastRoute);
    }

    [Fact]
    public async Task Metrics_AfterAForecast_RuntimeAllocatedBytesHaveGrown()
    {
        using var repository = FixtureRepository.With(FixtureModel.Hourly());
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();
        const string Allocated = "dotnet_gc_heap_total_allocated_bytes_total";
        var before = PrometheusText.Parse(await client.GetStringAsync("/metrics")).Value(Allocated);

        // A forecast's response alone is several KB, so the counter cannot stand still.
        await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))));
        var after = PrometheusText.Parse(await client.GetStringAsync("/metrics")).Value(Allocated);

        Assert.True(after > before + 1024, $"allocated bytes went from {before} to {after}");
    }

    private static System.Text.Json.Nodes.JsonObject ThreeSeries() =>
        Requests.Body(Requests.Series("a", Requests.Wave(24)), Requests.Series("b", Requests.Wave(24)), Requests.Series("c", Requests.Wave(24)));
}
