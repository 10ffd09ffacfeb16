using System.Globalization;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace ForecastService.Inference;

/// <summary>
/// Builds ORT session options from <see cref="OnnxSessionOptions"/>, attaches the requested execution provider and
/// creates the session, falling back from CUDA to CPU for <see cref="ExecutionProviderPreference.Auto"/>.
/// </summary>
internal static class SessionFactory
{
    public const string CpuProvider = "CPU";
    public const string CudaProvider = "CUDA";

    private const string CudaFix =
        "To use CUDA: build with the default -p:OnnxRuntimePackage=Gpu (Microsoft.ML.OnnxRuntime.Gpu, which brings " +
        "ORT's CUDA provider), run on a machine with an NVIDIA GPU and driver, and put CUDA 13 and cuDNN 9 on the " +
        "library path (LD_LIBRARY_PATH), or use the CUDA image (deploy/cuda/Dockerfile). Or choose the Cpu or Auto " +
        "execution provider.";

    public static (InferenceSession Session, string Provider, string? FallbackReason) Create(
        string model, Func<SessionOptions, InferenceSession> open, OnnxSessionOptions options)
    {
        options.Validate();

        // The environment (and its logger) must exist before any ORT object.
        _ = OnnxRuntime.Env;
        return options.ExecutionProvider switch
        {
            ExecutionProviderPreference.Cpu => (CreateOnCpu(model, open, options), CpuProvider, null),
            ExecutionProviderPreference.Cuda => (CreateOnCuda(model, open, options), CudaProvider, null),
            _ => CreateAuto(model, open, options),
        };
    }

    private static InferenceSession CreateOnCpu(string model, Func<SessionOptions, InferenceSession> open, OnnxSessionOptions options)
    {
        using var sessionOptions = BuildOptions(options);
        return Open(model, open, sessionOptions);
    }

    private static InferenceSession CreateOnCuda(string model, Func<SessionOptions, InferenceSession> open, OnnxSessionOptions options)
    {
        using var sessionOptions = BuildOptions(options);
        if (!TryAppendCuda(sessionOptions, options.CudaDeviceId, out var reason))
        {
            throw new OnnxRuntimeException(OnnxErrorCode.EpFail, $"The CUDA execution provider cannot be used: {reason}. {CudaFix}");
        }

        using var capture = OrtLogger.BeginCapture(forward: false);
        try
        {
            var session = open(sessionOptions);
            capture.Release();
            return session;
        }
        catch (OrtException ex)
        {
            throw OnnxSession.Wrap(
                ex,
                $"Creating the session for {model} on CUDA device {options.CudaDeviceId} failed: {Describe(ex.Message, capture.Lines)} {CudaFix}");
        }
    }

    private static (InferenceSession, string, string?) CreateAuto(string model, Func<SessionOptions, InferenceSession> open, OnnxSessionOptions options)
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
                    var session = open(sessionOptions);
                    capture.Release();
                    return (session, CudaProvider, null);
                }
                catch (OrtException ex)
                {
                    reason = Describe(ex.Message, capture.Lines);
                }
            }
        }

        // Fresh options: ones that already hold a (half-)initialized CUDA provider are not reused.
        return (CreateOnCpu(model, open, options), CpuProvider, $"CUDA is not usable, so the session runs on CPU: {reason}");
    }

    private static InferenceSession Open(string model, Func<SessionOptions, InferenceSession> open, SessionOptions sessionOptions)
    {
        try
        {
            return open(sessionOptions);
        }
        catch (OrtException ex)
        {
            throw OnnxSession.Wrap(ex, $"Loading {model} failed: {ex.Message}");
        }
    }

    private static SessionOptions BuildOptions(OnnxSessionOptions options)
    {
        var sessionOptions = new SessionOptions();
        try
        {
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
            sessionOptions.InterOpNumThreads = options.InterOpThreads;
            sessionOptions.GraphOptimizationLevel = (Microsoft.ML.OnnxRuntime.GraphOptimizationLevel)(int)options.OptimizationLevel;
            var spin = options.AllowSpinning ? "1" : "0";
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", spin);
            sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", spin);
            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends the CUDA provider. On failure returns the reason, which combines ORT's error and the log lines it
    /// wrote meanwhile: the error alone says only "Failed to load shared library"; the log names the missing file.
    /// </summary>
    private static bool TryAppendCuda(SessionOptions sessionOptions, int deviceId, out string? reason)
    {
        using var capture = OrtLogger.BeginCapture(forward: false);
        try
        {
            sessionOptions.AppendExecutionProvider_CUDA(deviceId);
            capture.Release();
            reason = null;
            return true;
        }
        catch (OrtException ex)
        {
            reason = Describe(ex.Message, capture.Lines);
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            // The CPU package's library has no CUDA entry point at all.
            reason = "this build uses the CPU package Microsoft.ML.OnnxRuntime (-p:OnnxRuntimePackage=Cpu), which has no CUDA provider";
            return false;
        }
    }

    private static string Describe(string error, IReadOnlyList<OnnxLogEventArgs> lines)
    {
        var text = new StringBuilder(error.Trim());
        foreach (var line in lines)
        {
            if (line.Severity >= OnnxLogSeverity.Warning && !text.ToString().Contains(line.Message.Trim(), StringComparison.Ordinal))
            {
                text.Append(" | ").Append(line.Message.Trim());
            }
        }

        var all = text.ToString();
        var hint = Classify(all);
        return hint is null ? all : string.Create(CultureInfo.InvariantCulture, $"{hint} ({all})");
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
