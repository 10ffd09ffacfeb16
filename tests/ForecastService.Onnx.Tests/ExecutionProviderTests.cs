namespace ForecastService.Onnx.Tests;

/// <summary>
/// CUDA selection. On a machine without ORT's CUDA provider libraries (the default CPU build), Auto must fall back
/// with a reason and Cuda must fail clearly. Where the CUDA flavor is installed, either outcome must be coherent.
/// </summary>
public sealed class ExecutionProviderTests
{
    private static bool CudaProviderInstalled =>
        File.Exists(Path.Combine(Path.GetDirectoryName(OnnxRuntime.LibraryPath)!, "libonnxruntime_providers_cuda.so"));

    [Fact]
    public void Load_Auto_UsesCudaOrFallsBackToCpuWithAReason()
    {
        using var session = OnnxSession.Load(TestModels.Add().AsSpan(), new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Auto });

        if (!CudaProviderInstalled)
        {
            Assert.Equal("CPU", session.ExecutionProvider);
            Assert.Contains("libonnxruntime_providers_shared", session.ExecutionProviderFallbackReason, StringComparison.Ordinal);
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
    public void Load_Cuda_WithoutCudaProviderLibraries_ThrowsSayingWhyAndHowToFix()
    {
        if (CudaProviderInstalled)
        {
            return; // Covered by Load_Cuda_WhereInstalled_RunsOnCudaOrFailsClearly.
        }

        var ex = Assert.Throws<OnnxRuntimeException>(() =>
            OnnxSession.Load(TestModels.Add().AsSpan(), new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Cuda }));

        Assert.Equal(OnnxErrorCode.EpFail, ex.ErrorCode);
        Assert.Contains("provider libraries are missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libonnxruntime_providers_shared", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeFlavor=cuda", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA 13", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Cuda_WhereInstalled_RunsOnCudaOrFailsClearly()
    {
        if (!CudaProviderInstalled)
        {
            return; // The CPU build is covered by Load_Cuda_WithoutCudaProviderLibraries_ThrowsSayingWhyAndHowToFix.
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
            Assert.Contains("-p:OnnxRuntimeFlavor=cuda", ex.Message, StringComparison.Ordinal);
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
            if (e.Message.Contains("libonnxruntime_providers", StringComparison.Ordinal))
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
