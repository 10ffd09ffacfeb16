using System.Collections.Concurrent;
using System.Globalization;
using ForecastService.Api.Models;

namespace ForecastService.Api.Metrics;

/// <summary>
/// The service's metrics, written in Prometheus text format at <c>/metrics</c>. Label values come from route
/// templates and the repository's model names, never from raw request text, so a hostile caller cannot grow the
/// number of series.
/// </summary>
internal sealed class ServiceMetrics
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] SeriesBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096];

    private readonly ConcurrentDictionary<(string Route, string Model, string Version, int Status), StrongBox> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, string Version, string Provider), Histogram> _runTime = new();
    private readonly ConcurrentDictionary<string, Histogram> _series = new(StringComparer.Ordinal);

    public void RecordRequest(string route, string? model, int? version, int status, TimeSpan elapsed, int seriesCount)
    {
        var versionText = version?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        _requests.GetOrAdd((route, model ?? string.Empty, versionText, status), static _ => new StrongBox()).Increment();
        _latency.GetOrAdd(route, static _ => new Histogram(LatencyBuckets)).Observe(elapsed.TotalSeconds);
        if (model is not null && seriesCount > 0)
        {
            _series.GetOrAdd(model, static _ => new Histogram(SeriesBuckets)).Observe(seriesCount);
        }
    }

    public void RecordRun(string model, int version, string provider, TimeSpan elapsed) =>
        _runTime.GetOrAdd((model, version.ToString(CultureInfo.InvariantCulture), provider), static _ => new Histogram(LatencyBuckets)).Observe(elapsed.TotalSeconds);

    public string Write(ModelCatalog catalog, string onnxRuntimeVersion)
    {
        var w = new PrometheusTextWriter();
        w.Header("forecast_http_requests_total", "counter", "HTTP requests by route, model, version and status code.");
        foreach (var ((route, model, version, status), count) in _requests.OrderBy(p => p.Key))
        {
            w.Sample("forecast_http_requests_total", [("route", route), ("model", model), ("version", version), ("status", status.ToString(CultureInfo.InvariantCulture))], count.Value);
        }

        w.Header("forecast_http_request_duration_seconds", "histogram", "Time from request start to response end, by route.");
        foreach (var (route, histogram) in _latency.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Histogram("forecast_http_request_duration_seconds", [("route", route)], histogram);
        }

        w.Header("forecast_onnxruntime_run_duration_seconds", "histogram", "Time ONNX Runtime spent in one batched run, by model, version and execution provider.");
        foreach (var ((model, version, provider), histogram) in _runTime.OrderBy(p => p.Key))
        {
            w.Histogram("forecast_onnxruntime_run_duration_seconds", [("model", model), ("version", version), ("execution_provider", provider)], histogram);
        }

        w.Header("forecast_series_per_request", "histogram", "Series in one forecast request, by model.");
        foreach (var (model, histogram) in _series.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Histogram("forecast_series_per_request", [("model", model)], histogram);
        }

        var versions = catalog.Models.SelectMany(m => m.Versions).ToList();
        w.Header("forecast_models_loaded", "gauge", "Model versions loaded and able to serve.");
        w.Sample("forecast_models_loaded", [], versions.Count(v => v.Model is not null));
        w.Header("forecast_models_failed", "gauge", "Model versions that failed to load.");
        w.Sample("forecast_models_failed", [], versions.Count(v => v.Error is not null));

        w.Header("forecast_model_info", "gauge", "One sample per model version: its state and, when loaded, its execution provider.");
        foreach (var v in versions)
        {
            w.Sample(
                "forecast_model_info",
                [("model", v.Name), ("version", v.Version.ToString(CultureInfo.InvariantCulture)), ("status", v.Model is null ? "failed" : "loaded"), ("execution_provider", v.Model?.Forecaster.ExecutionProvider ?? string.Empty)],
                1);
        }

        // Managed allocation is the hot path's hidden cost; a counter lets a load test divide it by requests.
        w.Header("dotnet_gc_allocated_bytes_total", "counter", "Bytes allocated on the managed heap since the process started.");
        w.Sample("dotnet_gc_allocated_bytes_total", [], GC.GetTotalAllocatedBytes());

        w.Header("forecast_onnxruntime_info", "gauge", "The ONNX Runtime library version in use.");
        w.Sample("forecast_onnxruntime_info", [("version", onnxRuntimeVersion)], 1);
        return w.ToString();
    }

    private sealed class StrongBox
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
