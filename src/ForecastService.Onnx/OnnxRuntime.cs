using ForecastService.Onnx.Native;

namespace ForecastService.Onnx;

/// <summary>
/// The process-wide ONNX Runtime: which library is loaded, its version and providers, and its log.
/// </summary>
/// <remarks>
/// The native library is loaded on first use (the first session, or reading <see cref="Version"/>), from the first
/// of: the path given to <see cref="Configure"/>, the <c>FORECASTSERVICE_ONNXRUNTIME_PATH</c> environment variable,
/// or <c>libonnxruntime.so.1</c> in <see cref="AppContext.BaseDirectory"/> (where the build puts it).
/// </remarks>
public static class OnnxRuntime
{
    /// <summary>
    /// Raised for every line ONNX Runtime logs at warning severity or above, on the thread that logged it.
    /// Handlers must be quick and must not throw (exceptions are swallowed). Subscribe before creating sessions:
    /// for example, why the CUDA provider could not load is only reported here.
    /// </summary>
    public static event EventHandler<OnnxLogEventArgs>? LogMessage;

    /// <summary>ONNX Runtime's version string, e.g. "1.30.0". Loads the library.</summary>
    public static string Version => OrtRuntime.Instance.Version;

    /// <summary>Absolute path of the library file actually loaded. Loads the library.</summary>
    public static string LibraryPath => OrtRuntime.Instance.LibraryPath;

    /// <summary>
    /// Execution providers compiled into the loaded library, e.g. <c>CUDAExecutionProvider</c>. This says what the
    /// build supports, not that the provider's own libraries, drivers or devices are present. Loads the library.
    /// </summary>
    public static IReadOnlyList<string> AvailableProviders => OrtRuntime.Instance.AvailableProviders;

    /// <summary>
    /// Chooses the native library file (or a directory holding <c>libonnxruntime.so.1</c>) to load;
    /// <see langword="null"/> keeps the default search. Must be called before first use.
    /// </summary>
    /// <param name="libraryPath">Path from the <c>Onnx:LibraryPath</c> setting, or <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException">A different library has already been loaded.</exception>
    public static void Configure(string? libraryPath) => OrtRuntime.Configure(libraryPath);

    internal static void RaiseLogMessage(OnnxLogEventArgs args) => LogMessage?.Invoke(null, args);
}
