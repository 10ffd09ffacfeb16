namespace ForecastService.Inference.Tests;

public sealed class OnnxSessionRunTests : IDisposable
{
    private readonly OnnxSession _add = OnnxSession.Load(TestModels.Add().AsSpan());

    public void Dispose() => _add.Dispose();

    [Fact]
    public void Run_ZeroCopy_WritesTheSumIntoTheCallersBuffer()
    {
        float[] x = [1, 2, 3, 4, 5, 6];
        float[] y = [0.5f, -1, 10, 100, -5, 0.25f];
        var z = new float[6];

        _add.Run([new("X", x, [2, 3]), new("Y", y, [2, 3])], [new NamedTensor("Z", z, [2, 3])]);

        Assert.Equal(x.Zip(y, (a, b) => a + b), z);
    }

    [Fact]
    public void Run_ZeroCopy_HonoursMemorySlices()
    {
        var backing = new float[20];
        for (var i = 0; i < backing.Length; i++)
        {
            backing[i] = i;
        }

        var output = new float[10];
        output.AsSpan().Fill(-1);

        // X = backing[2..5], Y = backing[10..13], Z written into output[4..7]; the rest must stay untouched.
        _add.Run(
            [new("X", backing.AsMemory(2, 3), [1, 3]), new("Y", backing.AsMemory(10, 3), [1, 3])],
            [new NamedTensor("Z", output.AsMemory(4, 3), [1, 3])]);

        Assert.Equal([-1f, -1f, -1f, -1f, 12f, 14f, 16f, -1f, -1f, -1f], output);
    }

    [Fact]
    public void Run_Convenience_ReturnsCopiesWithShape()
    {
        var result = _add.Run([new("X", new float[] { 1, 2, 3 }, [1, 3]), new("Y", new float[] { 3, 2, 1 }, [1, 3])], ["Z"]);

        var z = Assert.Single(result);
        Assert.Equal([1L, 3L], z.Shape);
        Assert.Equal([4f, 4f, 4f], z.Data);
    }

    [Fact]
    public void Run_Linear_MatchesAMatrixProductComputedHere()
    {
        const int inputs = 4, outputs = 3, batch = 5;
        var random = new Random(11);
        var w = TestModels.Uniform(random, inputs * outputs, 1f);
        var b = TestModels.Uniform(random, outputs, 1f);
        var x = TestModels.Uniform(random, batch * inputs, 1f);
        using var session = OnnxSession.Load(TestModels.Linear(w, b, inputs, outputs).AsSpan());

        var y = new float[batch * outputs];
        session.Run([new NamedTensor("X", x, [batch, inputs])], [new NamedTensor("Y", y, [batch, outputs])]);

        for (var r = 0; r < batch; r++)
        {
            for (var c = 0; c < outputs; c++)
            {
                double expected = b[c];
                for (var k = 0; k < inputs; k++)
                {
                    expected += (double)x[r * inputs + k] * w[k * outputs + c];
                }

                Assert.Equal(expected, y[r * outputs + c], 1e-5);
            }
        }
    }

    [Fact]
    public void Run_UnknownInputName_ThrowsArgumentExceptionListingTheInputs()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _add.Run([new("X", new float[3], [1, 3]), new("Nope", new float[3], [1, 3])], ["Z"]));

        Assert.Contains("'Nope'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("X, Y", ex.Message, StringComparison.Ordinal);
        Assert.Equal("inputs", ex.ParamName);
    }

    [Fact]
    public void Run_MissingInput_ThrowsArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _add.Run([new("X", new float[3], [1, 3])], ["Z"]));

        Assert.Contains("'Y' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameInputTwice_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _add.Run([new("X", new float[3], [1, 3]), new("X", new float[3], [1, 3]), new("Y", new float[3], [1, 3])], ["Z"]));

        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongRank_ThrowsArgumentExceptionWithBothRanks()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _add.Run([new("X", new float[3], [3]), new("Y", new float[3], [1, 3])], ["Z"]));

        Assert.Contains("rank 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rank 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FixedDimensionMismatch_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _add.Run([new("X", new float[4], [1, 4]), new("Y", new float[4], [1, 4])], ["Z"]));

        Assert.Contains("[1, 4]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("batch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LengthDoesNotMatchShape_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            _add.Run([new("X", new float[5], [2, 3]), new("Y", new float[6], [2, 3])], ["Z"]));

        Assert.Contains("5 elements", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NegativeDimension_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() =>
            _add.Run([new("X", new float[3], [-1, 3]), new("Y", new float[3], [1, 3])], ["Z"]));
    }

    [Fact]
    public void Run_UnknownOutputName_ThrowsArgumentExceptionInBothOverloads()
    {
        NamedTensor[] inputs = [new("X", new float[3], [1, 3]), new("Y", new float[3], [1, 3])];

        Assert.Throws<ArgumentException>(() => _add.Run(inputs, ["W"]));
        Assert.Throws<ArgumentException>(() => _add.Run(inputs, [new NamedTensor("W", new float[3], [1, 3])]));
    }

    [Fact]
    public void Run_OutputBufferShapeDiffersFromComputedShape_ThrowsOnnxRuntimeException()
    {
        // Valid against the model's [batch, 3], but ORT computes [1, 3] for these inputs.
        var ex = Assert.Throws<OnnxRuntimeException>(() =>
            _add.Run([new("X", new float[3], [1, 3]), new("Y", new float[3], [1, 3])], [new NamedTensor("Z", new float[6], [2, 3])]));

        Assert.NotEqual(OnnxErrorCode.Ok, ex.ErrorCode);
    }

    [Fact]
    public void Run_DefaultNamedTensor_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _add.Run([default, new("Y", new float[3], [1, 3])], ["Z"]));
    }

    [Fact]
    public void Run_AfterDispose_ThrowsObjectDisposedException()
    {
        var session = OnnxSession.Load(TestModels.Add().AsSpan());
        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() =>
            session.Run([new("X", new float[3], [1, 3]), new("Y", new float[3], [1, 3])], ["Z"]));
    }
}
