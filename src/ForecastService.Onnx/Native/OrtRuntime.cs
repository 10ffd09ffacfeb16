using System.Runtime.InteropServices;
using ForecastService.Onnx.Native.Handles;

namespace ForecastService.Onnx.Native;

/// <summary>
/// The loaded ONNX Runtime: the library, its API table and the process-wide <c>OrtEnv</c>. Created once, on first
/// use, and kept for the life of the process (the env must outlive every session, and ORT refcounts it anyway).
/// </summary>
internal sealed unsafe class OrtRuntime
{
    private const int LogLevelWarning = 2;
    private const int AllocatorTypeArena = 1;
    private const int MemTypeDefault = 0;

    private static readonly Lock InitLock = new();
    private static OrtRuntime? _instance;
    private static string? _configuredPath;

    private IReadOnlyList<string>? _availableProviders;

    private OrtRuntime(OrtApi api, string libraryPath, string version)
    {
        Functions = api;
        LibraryPath = libraryPath;
        Version = version;
        Env = new OrtEnvHandle();
        CpuMemoryInfo = new OrtMemoryInfoHandle();
        try
        {
            IntPtr env;
            fixed (byte* logId = "ForecastService"u8)
            {
                NativeStatus.ThrowIfFailed(api, api.CreateEnvWithCustomLogger(OrtLogger.Callback, IntPtr.Zero, LogLevelWarning, logId, &env));
            }

            Env.Attach(env);

            IntPtr memoryInfo;
            NativeStatus.ThrowIfFailed(api, api.CreateCpuMemoryInfo(AllocatorTypeArena, MemTypeDefault, &memoryInfo));
            CpuMemoryInfo.Attach(memoryInfo);

            // Owned by ORT: never released.
            IntPtr allocator;
            NativeStatus.ThrowIfFailed(api, api.GetAllocatorWithDefaultOptions(&allocator));
            DefaultAllocator = allocator;
        }
        catch
        {
            CpuMemoryInfo.Dispose();
            Env.Dispose();
            throw;
        }
    }

    /// <summary>The runtime, loading the library on first use.</summary>
    public static OrtRuntime Instance => Volatile.Read(ref _instance) ?? Initialize();

    /// <summary>The API table of the loaded library (loads it on first use).</summary>
    public static OrtApi Api => Instance.Functions;

    /// <summary>Whether the library has been loaded.</summary>
    public static bool IsLoaded => Volatile.Read(ref _instance) is not null;

    public OrtApi Functions { get; }

    public string LibraryPath { get; }

    public string Version { get; }

    public OrtEnvHandle Env { get; }

    /// <summary>CPU memory description used for every caller-owned tensor buffer.</summary>
    public OrtMemoryInfoHandle CpuMemoryInfo { get; }

    /// <summary>ORT's default CPU allocator; it frees the strings ORT hands out. Owned by ORT.</summary>
    public IntPtr DefaultAllocator { get; }

    /// <summary>Execution providers compiled into the library (not a promise that they can load here).</summary>
    public IReadOnlyList<string> AvailableProviders => _availableProviders ??= ReadAvailableProviders();

    /// <summary>Sets the library path to load. Throws once a different library is loaded.</summary>
    public static void Configure(string? libraryPath)
    {
        lock (InitLock)
        {
            if (_instance is { } loaded)
            {
                // Asking again for what is already loaded (several hosts in one process) is harmless.
                if (libraryPath is null || SamePath(libraryPath, loaded.LibraryPath))
                {
                    return;
                }

                throw new InvalidOperationException(
                    $"ONNX Runtime is already loaded from '{loaded.LibraryPath}'; it cannot be switched to '{libraryPath}'. " +
                    "Call OnnxRuntime.Configure before the first session is created.");
            }

            _configuredPath = libraryPath;
        }
    }

    private static bool SamePath(string requested, string loaded)
    {
        var full = Path.GetFullPath(requested);
        return full == loaded || Path.Combine(full, OrtLibraryResolver.DefaultFileName) == loaded;
    }

    private static OrtRuntime Initialize()
    {
        lock (InitLock)
        {
            if (_instance is { } existing)
            {
                return existing;
            }

            var path = OrtLibraryResolver.Resolve(
                _configuredPath,
                Environment.GetEnvironmentVariable(OrtLibraryResolver.EnvironmentVariable),
                AppContext.BaseDirectory);
            var runtime = Load(path);
            Volatile.Write(ref _instance, runtime);
            return runtime;
        }
    }

    private static OrtRuntime Load(string path)
    {
        IntPtr library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeException(
                OnnxErrorCode.Fail,
                $"The ONNX Runtime library '{path}' exists but could not be loaded: {ex.Message}",
                ex);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxRuntimeException(
                OnnxErrorCode.Fail,
                $"'{path}' does not export OrtGetApiBase, so it is not an ONNX Runtime library.");
        }

        // OrtApiBase: slot 0 GetApi(uint32_t version), slot 1 GetVersionString(void).
        var apiBase = (IntPtr*)((delegate* unmanaged<IntPtr>)getApiBase)();
        var getApi = (delegate* unmanaged<uint, IntPtr>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((IntPtr)getVersionString()) ?? "unknown";

        var table = getApi(OrtApi.MinimumVersion);
        if (table == IntPtr.Zero)
        {
            throw new OnnxRuntimeException(
                OnnxErrorCode.NotImplemented,
                $"ONNX Runtime {version} at '{path}' does not provide C API version {OrtApi.MinimumVersion}, " +
                "which this binding needs (ONNX Runtime 1.11 or newer).");
        }

        return new OrtRuntime(new OrtApi(table), path, version);
    }

    private IReadOnlyList<string> ReadAvailableProviders()
    {
        var api = Functions;
        byte** names;
        int count;
        NativeStatus.ThrowIfFailed(api, api.GetAvailableProviders(&names, &count));

        // Copying the names cannot fail, so the list is released right after without a try/finally.
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Marshal.PtrToStringUTF8((IntPtr)names[i]) ?? string.Empty;
        }

        NativeStatus.ThrowIfFailed(api, api.ReleaseAvailableProviders(names, count));
        return result;
    }
}
