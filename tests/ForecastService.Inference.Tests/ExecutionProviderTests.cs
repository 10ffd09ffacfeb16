namespace ForecastService.Inference.Tests;

/// <summary>
/// CUDA selection with the default GPU package, whose CUDA provider needs CUDA 13 (libcublasLt.so.13 first). On a
/// machine without CUDA, Auto must fall back with a reason naming the missing library and Cuda must fail saying what
/// is missing and how to fix it. Where CUDA is installed, either outcome must be coherent.
/// </summary>
public sealed class ExecutionProviderTests
{
    private static bool CudaProviderInstalled
    {
        get
        {
            if (!System.Runtime.InteropServices.NativeLibrary.TryLoad("libcublasLt.so.13", out var handle))
            {
                return false;
            }

            System.Runtime.InteropServices.NativeLibrary.Free(handle);
            return true;
        }
    }

    [Fact]
    public void Load_Auto_UsesCudaOrFallsBackToCpuWithAReason()
    {
        using var session = OnnxSession.Load(TestModels.Add().AsSpan(), new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Auto });

        if (!CudaProviderInstalled)
        {
            Assert.Equal("CPU", session.ExecutionProvider);
            Assert.StartsWith("CUDA is not usable, so the session runs on CPU: the CUDA runtime or cuDNN libraries cannot be loaded", session.ExecutionProviderFallbackReason, StringComparison.Ordinal);
            Assert.Contains("libcublasLt.so.13", session.ExecutionProviderFallbackReason, StringComparison.Ordinal);
        }
        else if (session.ExecutionProvider == "CPU")
        {
            Assert.False(string.IsNullOrWhiteSpace(session.ExecutionProviderFallbackReason));
        }
        else
        {
            Assert.Equal("CUDA", session.ExecutionProvider);
            Assert.Null(session.ExecutionProviderFallbackReason);
        }

        // Whatever the provider, the session computes.
        var z = session.Run([new("X", new float[] { 1, 2, 3 }, [1, 3]), new("Y", new float[] { 1, 1, 1 }, [1, 3])], ["Z"]);
        Assert.Equal([2f, 3f, 4f], z[0].Data);
    }

    [Fact]
    public void Load_Cuda_WithoutCuda_ThrowsSayingWhatIsMissingAndHowToFix()
    {
        if (CudaProviderInstalled)
        {
            return; // Covered by Load_Cuda_WhereInstalled_RunsOnCudaOrFailsClearly.
        }

        var ex = Assert.Throws<OnnxRuntimeException>(() =>
            OnnxSession.Load(TestModels.Add().AsSpan(), new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Cuda }));

        Assert.Equal(OnnxErrorCode.EpFail, ex.ErrorCode);
        Assert.Contains("the CUDA runtime or cuDNN libraries cannot be loaded", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libcublasLt.so.13", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA 13", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Cuda_WhereInstalled_RunsOnCudaOrFailsClearly()
    {
        if (!CudaProviderInstalled)
        {
            return; // Covered by Load_Cuda_WithoutCuda_ThrowsSayingWhatIsMissingAndHowToFix.
        }

        try
        {
            using var session = OnnxSession.Load(TestModels.Add().AsSpan(), new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Cuda });
            Assert.Equal("CUDA", session.ExecutionProvider);
            var z = session.Run([new("X", new float[] { 1, 2, 3 }, [1, 3]), new("Y", new float[] { 1, 1, 1 }, [1, 3])], ["Z"]);
            Assert.Equal([2f, 3f, 4f], z[0].Data);
        }
        catch (OnnxRuntimeException ex)
        {
            Assert.Contains("CUDA 13", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_AutoFallingBack_ReportsTheReasonOnceInsteadOfForwardingOrtsLogLines()
    {
        if (CudaProviderInstalled)
        {
            return;
        }

        var forwarded = new List<string>();
        void OnLog(object? sender, OnnxLogEventArgs e)
        {
            if (e.Message.Contains("libcublasLt", StringComparison.Ordinal) || e.Message.Contains("libonnxruntime_providers", StringComparison.Ordinal))
            {
                lock (forwarded)
                {
                    forwarded.Add(e.Message);
                }
            }
        }

        OnnxRuntime.LogMessage += OnLog;
        try
        {
            using var session = OnnxSession.Load(TestModels.Add().AsSpan(), new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Auto });
            Assert.NotNull(session.ExecutionProviderFallbackReason);
        }
        finally
        {
            OnnxRuntime.LogMessage -= OnLog;
        }

        Assert.Empty(forwarded);
    }
}
