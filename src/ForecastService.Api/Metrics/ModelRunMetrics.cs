using System.Diagnostics.Metrics;

namespace ForecastService.Api.Metrics;

/// <summary>
/// The run instruments of one loaded model version, with its labels built once at load rather than per run.
/// Called on batcher worker threads.
/// </summary>
internal sealed class ModelRunMetrics(Histogram<double> runDuration, Histogram<int> batchSize, Histogram<double> queueWait, string model, string version, string executionProvider)
{
    private readonly KeyValuePair<string, object?>[] _modelTags = [new("model", model), new("version", version)];
    private readonly KeyValuePair<string, object?>[] _runTags = [new("model", model), new("version", version), new("execution_provider", executionProvider)];

    /// <summary>One ONNX Runtime run of <paramref name="windows"/> windows.</summary>
    public void Run(int windows, TimeSpan elapsed)
    {
        runDuration.Record(elapsed.TotalSeconds, _runTags);
        batchSize.Record(windows, _modelTags);
    }

    /// <summary>How long a call's windows waited in the batch queue.</summary>
    public void QueueWait(TimeSpan waited) => queueWait.Record(waited.TotalSeconds, _modelTags);
}
