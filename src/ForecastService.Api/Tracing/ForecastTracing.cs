using System.Diagnostics;
using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Tracing;

/// <summary>
/// The service's spans, on one <see cref="ActivitySource"/>. Under ASP.NET Core's request span, each model call gets
/// an operation span (<c>forecast</c>, <c>backtest</c>, <c>anomalies</c>, <c>stream.warm</c>, <c>stream.observe</c>)
/// whose children are <c>validate</c>, <c>batch.queue</c> (time in the dynamic batcher's queue) and
/// <c>onnxruntime.run</c> (with the run's batch size). Without a listener (no exporter configured) every
/// <c>Start*</c> returns null and costs a branch.
/// </summary>
internal static class ForecastTracing
{
    public const string SourceName = "ForecastService";
    public const string ValidateSpan = "validate";
    public const string QueueSpan = "batch.queue";
    public const string RunSpan = "onnxruntime.run";

    public const string ModelAttribute = "forecast.model";
    public const string ModelVersionAttribute = "forecast.model.version";
    public const string HorizonAttribute = "forecast.horizon";
    public const string ExecutionProviderAttribute = "forecast.execution_provider";
    public const string SeriesCountAttribute = "forecast.series.count";
    public const string CorrelationIdAttribute = "forecast.correlation_id";

    /// <summary>Windows in the whole ONNX Runtime run, the call's own and its batch-mates'.</summary>
    public const string BatchSizeAttribute = "forecast.batch.size";

    /// <summary>Of those, the windows that belong to this call.</summary>
    public const string CallWindowsAttribute = "forecast.batch.call_windows";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of one model call (<c>forecast</c>, <c>backtest</c>, …); must be disposed.</summary>
    public static Activity? StartOperation(string name) => Source.StartActivity(name);

    /// <summary>Tags the current operation span with the model version that serves it.</summary>
    public static void Describe(Activity? operation, ModelSignature signature, string executionProvider)
    {
        if (operation is { IsAllDataRequested: true })
        {
            operation.SetTag(ModelAttribute, signature.Name);
            operation.SetTag(ModelVersionAttribute, signature.Version);
            operation.SetTag(HorizonAttribute, signature.Horizon);
            operation.SetTag(ExecutionProviderAttribute, executionProvider);
        }
    }

    /// <summary>Reading and checking the body; must be disposed (it may be disposed early, then again by a using).</summary>
    public static Activity? StartValidate() => Source.StartActivity(ValidateSpan);

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
