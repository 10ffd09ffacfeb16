namespace ForecastService.Api;

/// <summary>
/// Every event the service writes, with stable EventIds (1xxx requests, 2xxx model repository, 3xxx inference,
/// 4xxx host) and stable property names, so dashboards and alerts can rely on them.
/// </summary>
internal static partial class Log
{
    // 1000, the completion event of every request, is Serilog.AspNetCore's: see Logging/RequestCompletionLogging.cs.

    // Type and message only (LogText.Summarize): no stack trace or file path reaches the logs; the correlation id ties
    // the event to the client's 500.
    [LoggerMessage(1001, LogLevel.Error, "Unhandled fault on {Method} {Path} (correlation {CorrelationId}): {Error}")]
    public static partial void RequestFaulted(ILogger logger, string method, string path, string correlationId, string error);

    [LoggerMessage(1002, LogLevel.Error, "ONNX Runtime failed on model {Model} v{ModelVersion} (correlation {CorrelationId}): {Reason}")]
    public static partial void ModelRunFailed(ILogger logger, string model, int modelVersion, string correlationId, string reason);

    [LoggerMessage(1003, LogLevel.Error, "Model {Model} v{ModelVersion} answered NaN or Infinity for series {SeriesId} (correlation {CorrelationId}); the answer was withheld")]
    public static partial void ModelOutputNotFinite(ILogger logger, string model, int modelVersion, string seriesId, string correlationId);

    [LoggerMessage(2000, LogLevel.Information, "Loaded model {Model} v{ModelVersion} on {ExecutionProvider} in {ElapsedMs:0} ms (lookback {Lookback}, horizon {Horizon}, frequency {Frequency})")]
    public static partial void ModelLoaded(ILogger logger, string model, int modelVersion, string executionProvider, double elapsedMs, int lookback, int horizon, string frequency);

    [LoggerMessage(2001, LogLevel.Error, "Model {Model} v{ModelVersion} failed to load: {Reason}")]
    public static partial void ModelLoadFailed(ILogger logger, string model, int modelVersion, string reason);

    [LoggerMessage(2002, LogLevel.Information, "Model {Model} v{ModelVersion} was {Change}; its session closes when in-flight requests finish")]
    public static partial void ModelRetired(ILogger logger, string model, int modelVersion, string change);

    [LoggerMessage(2003, LogLevel.Debug, "Model {Model} v{ModelVersion}: session disposed")]
    public static partial void ModelDisposed(ILogger logger, string model, int modelVersion);

    [LoggerMessage(2004, LogLevel.Information, "Model repository {Root}: {Serving} models serving, {Failed} versions failed")]
    public static partial void RepositoryChanged(ILogger logger, string root, int serving, int failed);

    [LoggerMessage(2005, LogLevel.Warning, "Model repository {Root} does not exist; there is nothing to serve until it does")]
    public static partial void RepositoryMissing(ILogger logger, string root);

    [LoggerMessage(2006, LogLevel.Warning, "Model {Model} v{ModelVersion} runs on {ExecutionProvider}: {Reason}")]
    public static partial void ProviderFallback(ILogger logger, string model, int modelVersion, string executionProvider, string reason);

    [LoggerMessage(2007, LogLevel.Error, "Scanning the model repository {Root} failed; the current models keep serving: {Error}")]
    public static partial void ScanFailed(ILogger logger, string root, string error);

    [LoggerMessage(2008, LogLevel.Warning, "Model {Model} v{ModelVersion}: example.json is ignored (a generated example is shown instead): {Reason}")]
    public static partial void ExampleIgnored(ILogger logger, string model, int modelVersion, string reason);

    [LoggerMessage(2009, LogLevel.Warning, "Model {Model} v{ModelVersion}: history.json is ignored (its stream, backtest, anomaly and chart examples are not shown): {Reason}")]
    public static partial void HistoryIgnored(ILogger logger, string model, int modelVersion, string reason);

    [LoggerMessage(EventId = 3000, Message = "ONNX Runtime [{OrtCategory}] {OrtMessage}")]
    public static partial void OnnxRuntimeMessage(ILogger logger, LogLevel level, string ortCategory, string ortMessage);

    // Critical, so the last line a failed container prints names the cause (an invalid setting, a port in use).
    [LoggerMessage(4000, LogLevel.Critical, "ForecastService could not start: {Reason}")]
    public static partial void StartupFailed(ILogger logger, string reason);

    [LoggerMessage(4001, LogLevel.Information, "ONNX Runtime {OrtVersion} (providers {OrtProviders}); execution provider preference {Preference}")]
    public static partial void OnnxRuntimeReady(ILogger logger, string ortVersion, string ortProviders, string preference);
}
