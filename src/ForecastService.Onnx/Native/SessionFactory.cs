using System.Globalization;
using System.Text;
using ForecastService.Onnx.Native.Handles;

namespace ForecastService.Onnx.Native;

/// <summary>
/// Builds session options from <see cref="OnnxSessionOptions"/>, attaches the requested execution provider and
/// creates the session, falling back from CUDA to CPU for <see cref="ExecutionProviderPreference.Auto"/>.
/// </summary>
internal static unsafe class SessionFactory
{
    public const string CpuProvider = "CPU";
    public const string CudaProvider = "CUDA";

    private const string CudaFix =
        "To use CUDA: build with -p:OnnxRuntimeFlavor=cuda (which places ORT's CUDA provider libraries next to " +
        "libonnxruntime.so.1), run on a machine with an NVIDIA GPU and driver, and put CUDA 13 and cuDNN 9 on the " +
        "library path (LD_LIBRARY_PATH). Or choose the Cpu or Auto execution provider.";

    public static (OrtSessionHandle Session, string Provider, string? FallbackReason) Create(
        ModelSource model, OnnxSessionOptions options)
    {
        options.Validate();
        if (model.Path is null && model.Bytes.IsEmpty)
        {
            throw new ArgumentException("The model is empty (0 bytes).", nameof(model));
        }

        switch (options.ExecutionProvider)
        {
            case ExecutionProviderPreference.Cpu:
                return (CreateWithOptions(model, options), CpuProvider, null);

            case ExecutionProviderPreference.Cuda:
                return (CreateOnCuda(model, options), CudaProvider, null);

            default:
                return CreateAuto(model, options);
        }
    }

    private static OrtSessionHandle CreateOnCuda(ModelSource model, OnnxSessionOptions options)
    {
        using var sessionOptions = BuildOptions(options);
        if (!TryAppendCuda(sessionOptions, options.CudaDeviceId, out var reason))
        {
            throw new OnnxRuntimeException(
                OnnxErrorCode.EpFail,
                $"The CUDA execution provider cannot be used: {reason}. {CudaFix}");
        }

        using var capture = OrtLogger.BeginCapture(forward: false);
        try
        {
            var session = CreateSession(model, sessionOptions);
            capture.Release();
            return session;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxRuntimeException(
                ex.ErrorCode,
                $"Creating the session for {model.ToString()} on CUDA device {options.CudaDeviceId} failed: {Describe(ex, capture.Lines)} {CudaFix}",
                ex);
        }
    }

    private static (OrtSessionHandle, string, string?) CreateAuto(ModelSource model, OnnxSessionOptions options)
    {
        string? reason;
        using (var sessionOptions = BuildOptions(options))
        {
            if (TryAppendCuda(sessionOptions, options.CudaDeviceId, out reason))
            {
                // The provider library loaded; the device itself is only touched when the session is created.
                using var capture = OrtLogger.BeginCapture(forward: false);
                try
                {
                    var session = CreateSession(model, sessionOptions);
                    capture.Release();
                    return (session, CudaProvider, null);
                }
                catch (OnnxRuntimeException ex)
                {
                    reason = Describe(ex, capture.Lines);
                }
            }
        }

        // Fresh options: ones that already hold a (half-)initialized CUDA provider are not reused.
        return (CreateWithOptions(model, options), CpuProvider, $"CUDA is not usable, so the session runs on CPU: {reason}");
    }

    private static OrtSessionHandle CreateWithOptions(ModelSource model, OnnxSessionOptions options)
    {
        using var sessionOptions = BuildOptions(options);
        return CreateSession(model, sessionOptions);
    }

    private static OrtSessionOptionsHandle BuildOptions(OnnxSessionOptions options)
    {
        var api = OrtRuntime.Api;
        var handle = new OrtSessionOptionsHandle();
        try
        {
            IntPtr raw;
            NativeStatus.ThrowIfFailed(api.CreateSessionOptions(&raw));
            handle.Attach(raw);
            NativeStatus.ThrowIfFailed(api.SetIntraOpNumThreads(raw, options.IntraOpThreads));
            NativeStatus.ThrowIfFailed(api.SetInterOpNumThreads(raw, options.InterOpThreads));
            NativeStatus.ThrowIfFailed(api.SetSessionGraphOptimizationLevel(raw, (int)options.OptimizationLevel));
            var spin = options.AllowSpinning ? "1"u8 : "0"u8;
            fixed (byte* intra = "session.intra_op.allow_spinning"u8, inter = "session.inter_op.allow_spinning"u8)
            fixed (byte* value = spin)
            {
                // u8 literals are stored with a NUL terminator after their last byte, so these are valid C strings.
                NativeStatus.ThrowIfFailed(api.AddSessionConfigEntry(raw, intra, value));
                NativeStatus.ThrowIfFailed(api.AddSessionConfigEntry(raw, inter, value));
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends the CUDA provider. On failure returns the reason, which combines ORT's status and the log lines it
    /// wrote meanwhile: the status alone says only "Failed to load shared library"; the log names the missing file.
    /// </summary>
    private static bool TryAppendCuda(OrtSessionOptionsHandle sessionOptions, int deviceId, out string? reason)
    {
        var api = OrtRuntime.Api;
        using var capture = OrtLogger.BeginCapture(forward: false);
        using var cuda = new OrtCudaProviderOptionsHandle();
        try
        {
            IntPtr raw;
            NativeStatus.ThrowIfFailed(api.CreateCudaProviderOptions(&raw));
            cuda.Attach(raw);

            var device = NativeUtf8.ToNullTerminated(deviceId.ToString(CultureInfo.InvariantCulture));
            fixed (byte* key = "device_id"u8)
            fixed (byte* value = device)
            {
                var keys = stackalloc byte*[] { key };
                var values = stackalloc byte*[] { value };
                NativeStatus.ThrowIfFailed(api.UpdateCudaProviderOptions(raw, keys, values, 1));
            }

            NativeStatus.ThrowIfFailed(api.SessionOptionsAppendExecutionProviderCudaV2(sessionOptions.DangerousGetHandle(), raw));
            capture.Release();
            reason = null;
            return true;
        }
        catch (OnnxRuntimeException ex)
        {
            reason = Describe(ex, capture.Lines);
            return false;
        }
    }

    private static OrtSessionHandle CreateSession(ModelSource model, OrtSessionOptionsHandle sessionOptions)
    {
        var runtime = OrtRuntime.Instance;
        var api = runtime.Functions;
        var env = runtime.Env.DangerousGetHandle();
        var options = sessionOptions.DangerousGetHandle();
        var session = new OrtSessionHandle();
        try
        {
            IntPtr raw;
            if (model.Path is { } path)
            {
                // ORTCHAR_T is wchar_t on Windows and char (UTF-8) elsewhere.
                if (OperatingSystem.IsWindows())
                {
                    fixed (char* p = path)
                    {
                        NativeStatus.ThrowIfFailed(api.CreateSession(env, p, options, &raw));
                    }
                }
                else
                {
                    fixed (byte* p = NativeUtf8.ToNullTerminated(path))
                    {
                        NativeStatus.ThrowIfFailed(api.CreateSession(env, p, options, &raw));
                    }
                }
            }
            else
            {
                fixed (byte* p = model.Bytes)
                {
                    NativeStatus.ThrowIfFailed(api.CreateSessionFromArray(env, p, (nuint)model.Bytes.Length, options, &raw));
                }
            }

            session.Attach(raw);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static string Describe(OnnxRuntimeException ex, IReadOnlyList<OnnxLogEventArgs> lines)
    {
        var text = new StringBuilder(ex.Message.Trim());
        foreach (var line in lines)
        {
            if (line.Severity >= OnnxLogSeverity.Warning && !text.ToString().Contains(line.Message.Trim(), StringComparison.Ordinal))
            {
                text.Append(" | ").Append(line.Message.Trim());
            }
        }

        var all = text.ToString();
        var hint = Classify(all);
        return hint is null ? all : $"{hint} ({all})";
    }

    // Names the usual causes, so the operator knows which of the three things to fix.
    private static string? Classify(string detail) =>
        detail.Contains("libonnxruntime_providers_shared", StringComparison.Ordinal)
            || detail.Contains("libonnxruntime_providers_cuda.so: cannot open", StringComparison.Ordinal)
            ? "ORT's CUDA provider libraries are missing next to the ONNX Runtime library"
        : detail.Contains("libcu", StringComparison.Ordinal) || detail.Contains("libcudnn", StringComparison.Ordinal)
            ? "the CUDA runtime or cuDNN libraries cannot be loaded"
        : detail.Contains("no CUDA-capable device", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("CUDA driver version is insufficient", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("invalid device ordinal", StringComparison.OrdinalIgnoreCase)
            ? "no usable CUDA device"
        : null;
}
