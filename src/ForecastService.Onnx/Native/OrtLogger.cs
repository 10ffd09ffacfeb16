using System.Runtime.InteropServices;

namespace ForecastService.Onnx.Native;

/// <summary>
/// The logging callback handed to <c>CreateEnvWithCustomLogger</c>. It forwards every line to
/// <see cref="OnnxRuntime.LogMessage"/> and, while a capture is active on the calling thread, keeps a copy: ORT
/// reports why an execution provider failed to load only in its log, not in the returned status.
/// </summary>
internal static unsafe class OrtLogger
{
    [ThreadStatic]
    private static List<OnnxLogEventArgs>? _captured;

    [ThreadStatic]
    private static bool _suppressForwarding;

    /// <summary>Pointer to <see cref="Log"/>; a static method, so it stays valid for the life of the process.</summary>
    public static delegate* unmanaged<IntPtr, int, byte*, byte*, byte*, byte*, void> Callback => &Log;

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

    [UnmanagedCallersOnly]
    private static void Log(IntPtr param, int severity, byte* category, byte* logId, byte* codeLocation, byte* message)
    {
        // An exception must never unwind into native code: that would tear down the process.
        try
        {
            var args = new OnnxLogEventArgs(
                (OnnxLogSeverity)severity,
                Marshal.PtrToStringUTF8((IntPtr)category) ?? string.Empty,
                Marshal.PtrToStringUTF8((IntPtr)logId) ?? string.Empty,
                Marshal.PtrToStringUTF8((IntPtr)codeLocation) ?? string.Empty,
                Marshal.PtrToStringUTF8((IntPtr)message) ?? string.Empty);
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
