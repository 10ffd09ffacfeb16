using System.Diagnostics;

namespace ForecastService.Inference;

/// <summary>
/// The spans of model runs: <c>onnxruntime.run</c> (with the run's batch size) and <c>batch.queue</c> (time in the
/// dynamic batcher's queue). They go on an <see cref="ActivitySource"/> named like the service's own, so a host that
/// listens to <see cref="SourceName"/> gets them under its operation spans. Without a listener every <c>Start*</c>
/// returns null and costs a branch.
/// </summary>
public static class InferenceTracing
{
    public const string SourceName = "ForecastService";
    public const string QueueSpan = "batch.queue";
    public const string RunSpan = "onnxruntime.run";

    /// <summary>Windows in the whole ONNX Runtime run, the call's own and its batch-mates'.</summary>
    public const string BatchSizeAttribute = "forecast.batch.size";

    /// <summary>Of those, the windows that belong to this call.</summary>
    public const string CallWindowsAttribute = "forecast.batch.call_windows";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>An ONNX Runtime run on the caller's own thread (no queue); must be disposed.</summary>
    public static Activity? StartRun(int windows)
    {
        var run = Source.StartActivity(RunSpan);
        run?.SetTag(BatchSizeAttribute, windows);
        run?.SetTag(CallWindowsAttribute, windows);
        return run;
    }

    /// <summary>
    /// The queue wait and the run of a call's windows that a batcher worker ran, written after the fact under the
    /// call's span (the worker thread has no current span of its own).
    /// </summary>
    public static void RecordQueuedRun(ActivityContext parent, DateTimeOffset enqueued, DateTimeOffset runStarted, DateTimeOffset runEnded, int batchSize, int callWindows, Exception? error)
    {
        using (var queue = Source.StartActivity(QueueSpan, ActivityKind.Internal, parent, startTime: enqueued))
        {
            queue?.SetEndTime(runStarted.UtcDateTime);
        }

        using var run = Source.StartActivity(RunSpan, ActivityKind.Internal, parent, startTime: runStarted);
        if (run is null)
        {
            return;
        }

        run.SetTag(BatchSizeAttribute, batchSize);
        run.SetTag(CallWindowsAttribute, callWindows);
        if (error is not null)
        {
            run.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        }

        run.SetEndTime(runEnded.UtcDateTime);
    }
}
