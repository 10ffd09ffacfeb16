using Microsoft.ML.OnnxRuntime;

namespace ForecastService.Inference;

/// <summary>
/// The logging function ORT's environment is created with. It forwards every line to
/// <see cref="OnnxRuntime.LogMessage"/> and, while a capture is active on the calling thread, keeps a copy: ORT
/// names the library an execution provider failed to load only in its log, not in the exception it throws.
/// </summary>
internal static class OrtLogger
{
    [ThreadStatic]
    private static List<OnnxLogEventArgs>? _captured;

    [ThreadStatic]
    private static bool _suppressForwarding;

    /// <summary>Held in a static field so the delegate outlives the environment that calls it.</summary>
    public static readonly DOrtLoggingFunction Callback = Log;

    /// <summary>
    /// Starts collecting the log lines that ORT writes on this thread until the returned scope is disposed.
    /// </summary>
    /// <param name="forward">
    /// Whether captured lines still reach <see cref="OnnxRuntime.LogMessage"/>. Off where the caller folds them into
    /// an exception or a fallback reason, so that one failure is reported once rather than as several log lines.
    /// </param>
    public static CaptureScope BeginCapture(bool forward)
    {
        var scope = new CaptureScope(_captured, _suppressForwarding);
        _captured = [];
        _suppressForwarding = !forward;
        return scope;
    }

    private static void Log(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        // An exception must never unwind into native code: that would tear down the process.
        try
        {
            var args = new OnnxLogEventArgs((OnnxLogSeverity)severity, category ?? string.Empty, logId ?? string.Empty, codeLocation ?? string.Empty, message ?? string.Empty);
            _captured?.Add(args);
            if (!_suppressForwarding)
            {
                OnnxRuntime.RaiseLogMessage(args);
            }
        }
        catch (Exception)
        {
            // Nothing sensible to do: a throwing subscriber must not crash inference.
        }
    }

    /// <summary>The lines captured on this thread since <see cref="BeginCapture"/>.</summary>
    internal readonly struct CaptureScope(List<OnnxLogEventArgs>? previous, bool previousSuppress) : IDisposable
    {
        public IReadOnlyList<OnnxLogEventArgs> Lines => _captured ?? [];

        /// <summary>
        /// Forwards the lines held back so far to <see cref="OnnxRuntime.LogMessage"/>: used when the operation
        /// succeeded after all, so that its warnings are not lost.
        /// </summary>
        public void Release()
        {
            foreach (var line in Lines)
            {
                OnnxRuntime.RaiseLogMessage(line);
            }

            _captured?.Clear();
        }

        public void Dispose()
        {
            _captured = previous;
            _suppressForwarding = previousSuppress;
        }
    }
}
