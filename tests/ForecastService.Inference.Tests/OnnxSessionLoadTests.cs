namespace ForecastService.Inference.Tests;

public sealed class OnnxSessionLoadTests
{
    [Fact]
    public void Load_Bytes_ReportsInputsAndOutputsWithSymbolicDimensions()
    {
        using var session = OnnxSession.Load(TestModels.Add().AsSpan());

        Assert.Equal(["X", "Y"], session.Inputs.Select(i => i.Name));
        var x = session.Inputs[0];
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, x.ElementType);
        Assert.Equal([-1L, 3L], x.Shape);
        Assert.Equal(new[] { "batch", null }, x.SymbolicDimensions.AsEnumerable());
        var z = Assert.Single(session.Outputs);
        Assert.Equal("Z", z.Name);
        Assert.Equal([-1L, 3L], z.Shape);
    }

    [Fact]
    public void Load_Path_ReadsTheSameModelAsFromBytes()
    {
        var model = TestModels.Lstm(inputs: 2, hidden: 5, seed: 3);
        using var file = TempFile.WithBytes(model.AsSpan());

        using var session = OnnxSession.Load(file.Path);

        Assert.Equal("X", Assert.Single(session.Inputs).Name);
        Assert.Equal(new[] { "seq", "batch", null }, session.Inputs[0].SymbolicDimensions.AsEnumerable());
        Assert.Equal([1L, -1L, 5L], Assert.Single(session.Outputs).Shape);
    }

    [Fact]
    public void Load_ModelWithMetadata_ReadsBackCustomMetadataAndProducer()
    {
        using var session = OnnxSession.Load(TestModels.Add().AsSpan());

        Assert.Equal(TestModels.Producer, session.ProducerName);
        Assert.Equal(3, session.CustomMetadata.Count);
        Assert.Equal("add", session.CustomMetadata["kind"]);
        Assert.Equal("lstm-small", session.CustomMetadata["probe"]);
        Assert.Equal("µ-Ω ✓", session.CustomMetadata["unicode"]);
    }

    [Fact]
    public void Load_ModelWithoutMetadata_HasEmptyCustomMetadata()
    {
        using var session = OnnxSession.Load(TestModels.Linear([1f], [0f], 1, 1).AsSpan());

        Assert.Empty(session.CustomMetadata);
    }

    [Fact]
    public void Load_GarbageBytes_ThrowsOnnxRuntimeException()
    {
        var garbage = TestModels.Uniform(new Random(1), 64, 1f).SelectMany(BitConverter.GetBytes).ToArray();

        var ex = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(garbage));

        Assert.NotEqual(OnnxErrorCode.Ok, ex.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Load_TruncatedModelFile_ThrowsOnnxRuntimeException()
    {
        var bytes = TestModels.Lstm(inputs: 1, hidden: 8, seed: 1).ToArray();
        using var file = TempFile.WithBytes(bytes.AsSpan(0, bytes.Length / 2));

        var ex = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(file.Path));

        Assert.NotEqual(OnnxErrorCode.Ok, ex.ErrorCode);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNoSuchFileNamingThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx");

        var ex = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(missing));

        Assert.Equal(OnnxErrorCode.NoSuchFile, ex.ErrorCode);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyBytes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => OnnxSession.Load(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Load_NegativeThreadCount_ThrowsArgumentOutOfRange()
    {
        var options = new OnnxSessionOptions { IntraOpThreads = -1 };

        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSession.Load(TestModels.Add().AsSpan(), options));
    }

    [Fact]
    public void Load_CpuProvider_ReportsCpuWithoutFallbackReason()
    {
        using var session = OnnxSession.Load(TestModels.Add().AsSpan(), new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });

        Assert.Equal("CPU", session.ExecutionProvider);
        Assert.Null(session.ExecutionProviderFallbackReason);
    }

    [Theory]
    [InlineData(GraphOptimizationLevel.None, 0, 0, false)]
    [InlineData(GraphOptimizationLevel.Basic, 2, 1, true)]
    [InlineData(GraphOptimizationLevel.Extended, 1, 2, false)]
    [InlineData(GraphOptimizationLevel.All, 0, 0, true)]
    public void Load_SessionOptions_AreAcceptedAndResultsUnchanged(GraphOptimizationLevel level, int intra, int inter, bool spin)
    {
        var options = new OnnxSessionOptions { OptimizationLevel = level, IntraOpThreads = intra, InterOpThreads = inter, AllowSpinning = spin };
        using var session = OnnxSession.Load(TestModels.Linear([1f, 2f, 3f, 4f, 5f, 6f], [0.5f, -0.5f], 3, 2).AsSpan(), options);

        var y = session.Run([new NamedTensor("X", new float[] { 1, 1, 1 }, [1, 3])], ["Y"])[0];

        // [1,1,1] · [[1,2],[3,4],[5,6]] + [0.5,-0.5]
        Assert.Equal([9.5f, 11.5f], y.Data);
    }
}
