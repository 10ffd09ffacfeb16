using Microsoft.ML.OnnxRuntime;

namespace ForecastService.Inference;

/// <summary>
/// The process-wide ONNX Runtime environment from the official package: its version, compiled-in providers and log.
/// </summary>
public static class OnnxRuntime
{
    private static readonly Lazy<OrtEnv> SharedEnv = new(CreateEnv);

    /// <summary>
    /// Raised for every line ONNX Runtime logs at warning severity or above, on the thread that logged it.
    /// Handlers must be quick and must not throw (exceptions are swallowed). Subscribe before creating sessions.
    /// </summary>
    public static event EventHandler<OnnxLogEventArgs>? LogMessage;

    /// <summary>ONNX Runtime's version string, e.g. "1.32.0".</summary>
    public static string Version => Env.GetVersionString();

    /// <summary>
    /// Execution providers compiled into the loaded library, e.g. <c>CUDAExecutionProvider</c>. This says what the
    /// package supports, not that the provider's own libraries, drivers or devices are present.
    /// </summary>
    public static IReadOnlyList<string> AvailableProviders => Env.GetAvailableProviders();

    /// <summary>
    /// The environment, created on first use with our logging function. Every session is created after this, so ORT
    /// never makes its own default environment that would log to stderr instead.
    /// </summary>
    internal static OrtEnv Env => SharedEnv.Value;

    internal static void RaiseLogMessage(OnnxLogEventArgs args) => LogMessage?.Invoke(null, args);

    private static OrtEnv CreateEnv()
    {
        var options = new EnvironmentCreationOptions
        {
            logId = "ForecastService",
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
            loggingFunction = OrtLogger.Callback,
        };
        return OrtEnv.CreateInstanceWithOptions(ref options);
    }
}
