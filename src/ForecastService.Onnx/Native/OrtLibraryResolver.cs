using System.Text;

namespace ForecastService.Onnx.Native;

/// <summary>
/// Decides which ONNX Runtime library file to load: the configured path, else the environment variable, else the
/// file the build places next to the application. A path that was asked for explicitly is authoritative: when it
/// does not exist we fail rather than silently load a different library (a CUDA build quietly replaced by the
/// bundled CPU one would be worse than an error).
/// </summary>
internal static class OrtLibraryResolver
{
    /// <summary>Environment variable naming the library file (or its directory).</summary>
    public const string EnvironmentVariable = "FORECASTSERVICE_ONNXRUNTIME_PATH";

    /// <summary>The configuration key the API host passes to <see cref="OnnxRuntime.Configure"/>.</summary>
    public const string ConfigurationKey = "Onnx:LibraryPath";

    /// <summary>The file name the build copies next to the assemblies.</summary>
    public static string DefaultFileName { get; } =
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib"
        : "libonnxruntime.so.1";

    /// <summary>Returns the absolute path of the library file to load.</summary>
    /// <exception cref="OnnxRuntimeException">No file exists where the chosen source points (code NoSuchFile).</exception>
    public static string Resolve(string? configuredPath, string? environmentPath, string baseDirectory)
    {
        var (candidate, source) =
            !string.IsNullOrWhiteSpace(configuredPath) ? (configuredPath, $"configured through {ConfigurationKey} / OnnxRuntime.Configure")
            : !string.IsNullOrWhiteSpace(environmentPath) ? (environmentPath, $"from the environment variable {EnvironmentVariable}")
            : (Path.Combine(baseDirectory, DefaultFileName), "next to the application, where the build places it");

        var full = Path.GetFullPath(candidate);
        var tried = new List<string> { full };

        // A directory is accepted too: the library is then looked for by its usual name inside it.
        if (Directory.Exists(full))
        {
            full = Path.Combine(full, DefaultFileName);
            tried.Add(full);
        }

        if (File.Exists(full))
        {
            return full;
        }

        throw new OnnxRuntimeException(OnnxErrorCode.NoSuchFile, NotFoundMessage(tried, source));
    }

    private static string NotFoundMessage(List<string> tried, string source)
    {
        var text = new StringBuilder("The ONNX Runtime native library was not found. Tried (")
            .Append(source).Append("):");
        foreach (var path in tried)
        {
            text.Append("\n  ").Append(path);
        }

        return text
            .Append("\nTo fix: build the solution with npm on the PATH (`dotnet build` fetches ONNX Runtime from npm and ")
            .Append("copies ").Append(DefaultFileName).Append(" next to the assemblies), or set ")
            .Append(EnvironmentVariable).Append(" (or ").Append(ConfigurationKey)
            .Append(") to the absolute path of an existing ONNX Runtime library.")
            .ToString();
    }
}
