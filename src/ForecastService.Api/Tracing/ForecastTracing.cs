using System.Diagnostics;
using ForecastService.Core.Forecasting;
using ForecastService.Inference;

namespace ForecastService.Api.Tracing;

/// <summary>
/// The service's spans, on one <see cref="ActivitySource"/>. Under ASP.NET Core's request span, each model call gets
/// an operation span (<c>forecast</c>, <c>backtest</c>, <c>anomalies</c>, <c>stream.warm</c>, <c>stream.observe</c>)
/// whose children are <c>validate</c>, <c>batch.queue</c> (time in the dynamic batcher's queue) and
/// <c>onnxruntime.run</c> (with the run's batch size; those two are written by <see cref="InferenceTracing"/>, on a
/// source of the same name). Without a listener (no exporter configured) every
/// <c>Start*</c> returns null and costs a branch.
/// </summary>
internal static class ForecastTracing
{
    public const string SourceName = InferenceTracing.SourceName;
    public const string ValidateSpan = "validate";
    public const string QueueSpan = InferenceTracing.QueueSpan;
    public const string RunSpan = InferenceTracing.RunSpan;

    public const string ModelAttribute = "forecast.model";
    public const string ModelVersionAttribute = "forecast.model.version";
    public const string HorizonAttribute = "forecast.horizon";
    public const string ExecutionProviderAttribute = "forecast.execution_provider";
    public const string SeriesCountAttribute = "forecast.series.count";
    public const string CorrelationIdAttribute = "forecast.correlation_id";

    public const string BatchSizeAttribute = InferenceTracing.BatchSizeAttribute;
    public const string CallWindowsAttribute = InferenceTracing.CallWindowsAttribute;

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
}
