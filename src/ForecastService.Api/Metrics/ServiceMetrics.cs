using System.Diagnostics.Metrics;
using System.Globalization;
using ForecastService.Api.Models;
using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Metrics;

/// <summary>
/// The service's own instruments on the <c>ForecastService</c> meter, exported by OpenTelemetry at <c>/metrics</c>.
/// Instrument names are OpenTelemetry's (dotted, with a unit); the Prometheus exporter turns them into the names
/// README documents (<c>forecast.http.requests</c> becomes <c>forecast_http_requests_total</c>, a unit of <c>s</c>
/// adds <c>_seconds</c>). Label values come from route templates and the repository's model names, never from raw
/// request text, so a hostile caller cannot grow the number of series.
/// </summary>
internal sealed class ServiceMetrics : IModelRunMetrics
{
    public const string MeterName = "ForecastService";

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly int[] CountBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<int> _seriesPerRequest;
    private readonly Histogram<double> _runDuration;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _queueWait;

    /// <param name="meterFactory">The host's factory: each host (and each test server) gets its own meter.</param>
    public ServiceMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("forecast.http.requests", "{request}", "HTTP requests by route, model, version and status code.");
        _requestDuration = Meter.CreateHistogram<double>("forecast.http.request.duration", "s", "Time from request start to response end, by route and model.", advice: new() { HistogramBucketBoundaries = LatencyBuckets });
        _seriesPerRequest = Meter.CreateHistogram<int>("forecast.series_per_request", "{series}", "Series in one forecast request, by model.", advice: new() { HistogramBucketBoundaries = CountBuckets });
        _runDuration = Meter.CreateHistogram<double>("forecast.onnxruntime.run.duration", "s", "Time ONNX Runtime spent in one (batched) run, by model, version and execution provider.", advice: new() { HistogramBucketBoundaries = LatencyBuckets });
        _batchSize = Meter.CreateHistogram<int>("forecast.onnxruntime.batch_size", "{window}", "Windows in one ONNX Runtime run, by model and version: how well the dynamic batcher fills its runs.", advice: new() { HistogramBucketBoundaries = CountBuckets });
        _queueWait = Meter.CreateHistogram<double>("forecast.batch.queue_wait", "s", "Time a call waited in the batch queue before its run (zero when it ran inline), by model and version.", advice: new() { HistogramBucketBoundaries = LatencyBuckets });
        Meter.CreateObservableGauge("forecast.onnxruntime.info", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", Inference.OnnxRuntime.Version)), description: "The ONNX Runtime library version in use.");
    }

    /// <summary>The meter other parts of the service (streams) add their instruments to.</summary>
    public Meter Meter { get; }

    public void RecordRequest(string route, string? model, int? version, int status, TimeSpan elapsed, int seriesCount)
    {
        var versionText = version?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        _requests.Add(1, new("route", route), new("model", model ?? string.Empty), new("version", versionText), new("status", status.ToString(CultureInfo.InvariantCulture)));
        _requestDuration.Record(elapsed.TotalSeconds, new("route", route), new("model", model ?? string.Empty));
        if (model is not null && seriesCount > 0)
        {
            _seriesPerRequest.Record(seriesCount, new KeyValuePair<string, object?>("model", model));
        }
    }

    /// <summary>The run metrics of one loaded model version, its labels fixed once.</summary>
    public ModelRunRecorders ForModel(ModelSignature signature, string executionProvider)
    {
        var metrics = new ModelRunMetrics(_runDuration, _batchSize, _queueWait, signature.Name, signature.Version.ToString(CultureInfo.InvariantCulture), executionProvider);
        return new ModelRunRecorders(metrics.Run, metrics.QueueWait);
    }

    /// <summary>Reports the catalog's versions (loaded, failed, and one info sample each) whenever metrics are collected.</summary>
    public void ObserveModels(Func<ModelCatalog> catalog)
    {
        Meter.CreateObservableGauge("forecast.models.loaded", () => Versions(catalog()).Count(v => v.Model is not null), description: "Model versions loaded and able to serve.");
        Meter.CreateObservableGauge("forecast.models.failed", () => Versions(catalog()).Count(v => v.Error is not null), description: "Model versions that failed to load.");
        Meter.CreateObservableGauge(
            "forecast.model.info",
            () => Versions(catalog()).Select(v => new Measurement<int>(
                1,
                new("model", v.Name),
                new("version", v.Version.ToString(CultureInfo.InvariantCulture)),
                new("status", v.Model is null ? "failed" : "loaded"),
                new("execution_provider", v.Model?.Forecaster.ExecutionProvider ?? string.Empty))),
            description: "One sample per model version: its state and, when loaded, its execution provider.");
    }

    private static IEnumerable<ModelVersionEntry> Versions(ModelCatalog catalog) => catalog.Models.SelectMany(m => m.Versions);
}
