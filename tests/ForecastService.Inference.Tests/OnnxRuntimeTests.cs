using System.Text.RegularExpressions;
using ForecastService.OnnxWriting;

namespace ForecastService.Inference.Tests;

public sealed class OnnxRuntimeTests
{
    [Fact]
    public void Version_Loaded_IsTheLibrarysDottedVersion()
    {
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), OnnxRuntime.Version);
    }

    [Fact]
    public void AvailableProviders_Loaded_IncludesCpu()
    {
        Assert.Contains("CPUExecutionProvider", OnnxRuntime.AvailableProviders);
    }

    [Fact]
    public void AvailableProviders_DefaultGpuPackage_IncludesCuda()
    {
        // The tests build with the default OnnxRuntimePackage=Gpu, whose library has the CUDA provider compiled in.
        Assert.Contains("CUDAExecutionProvider", OnnxRuntime.AvailableProviders);
    }

    [Fact]
    public void LogMessage_OrtWarnsWhileLoading_RaisesTheWarningOnTheLoadingThread()
    {
        // ORT warns when it drops an initializer that no node uses; the name makes this test's line unique.
        var unused = $"unused_{Guid.NewGuid():N}";
        var builder = new OnnxGraphBuilder("log");
        builder.AddInput("X", TensorElementType.Float, 1);
        builder.AddInitializer(unused, [1f], 1);
        var model = builder.AddNode("Identity", ["X"], ["Y"]).AddOutput("Y", TensorElementType.Float, 1).Build();
        var seen = new List<OnnxLogEventArgs>();
        var loadingThread = Environment.CurrentManagedThreadId;
        void OnLog(object? sender, OnnxLogEventArgs e)
        {
            if (e.Message.Contains(unused, StringComparison.Ordinal) && Environment.CurrentManagedThreadId == loadingThread)
            {
                seen.Add(e);
            }
        }

        OnnxRuntime.LogMessage += OnLog;
        try
        {
            using var session = OnnxSession.Load(model.AsSpan());
        }
        finally
        {
            OnnxRuntime.LogMessage -= OnLog;
        }

        var line = Assert.Single(seen);
        Assert.Equal(OnnxLogSeverity.Warning, line.Severity);
        Assert.Equal("onnxruntime", line.Category);
        Assert.False(string.IsNullOrEmpty(line.CodeLocation));
    }
}
