using ForecastService.Inference;

namespace ForecastService.OnnxWriting.Tests;

/// <summary>Graphs written by <see cref="OnnxGraphBuilder"/> load and run in the real ONNX Runtime with the expected values.</summary>
public sealed class OnnxWriterRuntimeTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Add_TwoInputs_ReturnsElementwiseSum()
    {
        var builder = new OnnxGraphBuilder("add")
            .AddInput("a", TensorElementType.Float, "batch", 3)
            .AddInput("b", TensorElementType.Float, "batch", 3)
            .AddNode("Add", ["a", "b"], ["sum"])
            .AddOutput("sum", TensorElementType.Float, "batch", 3);
        float[] a = [1, 2, 3, -4, 5.5f, 6], b = [10, 20, 30, 40, -50, 0.25f];

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var sum = session.Run([new NamedTensor("a", a, [2, 3]), new NamedTensor("b", b, [2, 3])], ["sum"])[0];

        Assert.Equal([11f, 22f, 33f, 36f, -44.5f, 6.25f], sum.Data);
        Assert.Equal([2L, 3L], sum.Shape);
    }

    [Fact]
    public void MatMulAdd_WithInitializers_MatchesAffineMap()
    {
        const int rows = 4, inner = 3, cols = 5;
        var random = new Random(7);
        var x = GateWeights.Uniform(random, rows * inner);
        var w = GateWeights.Uniform(random, inner * cols);
        var bias = GateWeights.Uniform(random, cols);
        var builder = new OnnxGraphBuilder("affine").AddInput("x", TensorElementType.Float, "n", inner);
        var wName = builder.AddInitializer("w", w, inner, cols);
        var bName = builder.AddInitializer("bias", bias, cols);
        builder
            .AddNode("MatMul", ["x", wName], ["xw"])
            .AddNode("Add", ["xw", bName], ["y"])
            .AddOutput("y", TensorElementType.Float, "n", cols);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var y = session.Run([new NamedTensor("x", x, [rows, inner])], ["y"])[0];

        var expected = new double[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                double s = bias[c];
                for (var k = 0; k < inner; k++)
                {
                    s += (double)x[(r * inner) + k] * w[(k * cols) + c];
                }

                expected[(r * cols) + c] = s;
            }
        }

        TensorAssert.Close(expected, y, [rows, cols], Tolerance);
    }

    [Fact]
    public void Load_SymbolicDims_ReadBackAsMinusOneWithTheirNames()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("window", TensorElementType.Float, "batch", 168, "features")
            .AddNode("Relu", ["window"], ["out"])
            .AddOutput("out", TensorElementType.Float, "batch", 168, "features");

        using var session = OnnxSession.Load(builder.Build().AsSpan());

        var input = Assert.Single(session.Inputs);
        Assert.Equal("window", input.Name);
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, input.ElementType);
        Assert.Equal([-1L, 168L, -1L], input.Shape);
        Assert.Equal("batch", input.SymbolicDimensions[0]);
        Assert.Equal("features", input.SymbolicDimensions[2]);
    }

    [Fact]
    public void Metadata_WrittenByWriter_IsReadBackThroughOrt()
    {
        var metadata = new Dictionary<string, string>
        {
            ["window"] = "168",
            ["horizon"] = "24",
            ["unit"] = "°C / kWh",
            ["scaler"] = "{\"mean\":1.5,\"std\":0.25}",
        };
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 1)
            .AddNode("Identity", ["x"], ["y"])
            .AddOutput("y", TensorElementType.Float, 1);

        using var session = OnnxSession.Load(builder.Build(new OnnxModelOptions { Metadata = metadata, ProducerName = "writer-test" }).AsSpan());

        Assert.Equal(metadata.OrderBy(p => p.Key), session.CustomMetadata.OrderBy(p => p.Key));
        Assert.Equal("writer-test", session.ProducerName);
    }

    [Fact]
    public void Save_ThenLoadFromPath_Runs()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 3)
            .AddNode("Neg", ["x"], ["y"])
            .AddOutput("y", TensorElementType.Float, 3);
        var path = Path.Combine(Path.GetTempPath(), $"writer-{Guid.NewGuid():N}.onnx");
        try
        {
            builder.Build().Save(path);

            using var session = OnnxSession.Load(path);
            var y = session.Run([new NamedTensor("x", new float[] { 1, -2, 3 }, [3])], ["y"])[0];

            Assert.Equal([-1f, 2f, -3f], y.Data);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gemm_TransBAlphaBeta_MatchesFormula()
    {
        const int m = 2, k = 3, n = 4;
        var random = new Random(3);
        var a = GateWeights.Uniform(random, m * k);
        var b = GateWeights.Uniform(random, n * k);
        var c = GateWeights.Uniform(random, n);
        var builder = new OnnxGraphBuilder().AddInput("a", TensorElementType.Float, m, k);
        builder.AddInitializer("b", b, n, k);
        builder.AddInitializer("c", c, n);
        builder
            .AddNode("Gemm", ["a", "b", "c"], ["y"], OnnxAttribute.Int("transB", 1), OnnxAttribute.Float("alpha", 0.5f), OnnxAttribute.Float("beta", 2f))
            .AddOutput("y", TensorElementType.Float, m, n);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var y = session.Run([new NamedTensor("a", a, [m, k])], ["y"])[0];

        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double dot = 0;
                for (var p = 0; p < k; p++)
                {
                    dot += (double)a[(i * k) + p] * b[(j * k) + p];
                }

                expected[(i * n) + j] = (0.5 * dot) + (2.0 * c[j]);
            }
        }

        TensorAssert.Close(expected, y, [m, n], Tolerance);
    }

    [Fact]
    public void ShapeOps_UnsqueezeTransposeSqueezeConcatReduceMean_MatchHandComputation()
    {
        // x [2,3] → Unsqueeze(axes=[0]) [1,2,3] → Transpose(perm=[2,0,1]) [3,1,2] → Squeeze(axes=[1]) [3,2]
        // → Concat(t, t*10, axis=-1) [3,4] → ReduceMean(axes=[1], keepdims=0) [3] → Softplus → Sqrt.
        float[] x = [1, 2, 3, 4, 5, 6];
        var builder = new OnnxGraphBuilder().AddInput("x", TensorElementType.Float, 2, 3);
        builder.AddInitializer("axis0", [0L], 1);
        builder.AddInitializer("axis1", [1L], 1);
        builder
            .AddNode("Unsqueeze", ["x", "axis0"], ["u"])
            .AddNode("Transpose", ["u"], ["t"], OnnxAttribute.Ints("perm", 2, 0, 1))
            .AddNode("Squeeze", ["t", "axis1"], ["s"])
            .AddNode("Constant", [], ["ten"], OnnxAttribute.Tensor("value", [10f], []))
            .AddNode("Mul", ["s", "ten"], ["s10"])
            .AddNode("Concat", ["s", "s10"], ["cat"], OnnxAttribute.Int("axis", -1))
            .AddNode("ReduceMean", ["cat"], ["mean"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0))
            .AddNode("Softplus", ["mean"], ["sp"])
            .AddNode("Sqrt", ["sp"], ["y"])
            .AddOutput("y", TensorElementType.Float, 3)
            .AddOutput("cat", TensorElementType.Float, 3, 4);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var outputs = session.Run([new NamedTensor("x", x, [2, 3])], ["y", "cat"]);

        // Transposing [2,3] gives rows (1,4), (2,5), (3,6); concatenated with ten times themselves.
        double[][] rows = [[1, 4, 10, 40], [2, 5, 20, 50], [3, 6, 30, 60]];
        TensorAssert.Close(rows.SelectMany(r => r).ToArray(), outputs[1], [3, 4], Tolerance);
        var expected = rows.Select(r => Math.Sqrt(Math.Log(1 + Math.Exp(r.Average())))).ToArray();
        TensorAssert.Close(expected, outputs[0], [3], Tolerance);
    }

    [Fact]
    public void IndexOps_SliceGatherCumSumReshape_MatchHandComputation()
    {
        // x [2,5] → Slice(axis 1, 1..4) [2,3] → Gather(indices [2,0], axis 1) [2,2] → CumSum(axis 1) → Reshape([-1]) [4] → Sub/Div/Relu/Tanh.
        float[] x = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14];
        var builder = new OnnxGraphBuilder().AddInput("x", TensorElementType.Float, 2, 5);
        builder.AddInitializer("starts", [1L], 1);
        builder.AddInitializer("ends", [4L], 1);
        builder.AddInitializer("axes", [1L], 1);
        builder.AddInitializer("indices", [2L, 0L], 2);
        builder.AddInitializer("cumsumAxis", [1], []);
        builder.AddInitializer("flat", [-1L], 1);
        builder.AddInitializer("offset", [12f], []);
        builder.AddInitializer("scale", [4f], []);
        builder
            .AddNode("Slice", ["x", "starts", "ends", "axes"], ["sliced"])
            .AddNode("Gather", ["sliced", "indices"], ["gathered"], OnnxAttribute.Int("axis", 1))
            .AddNode("CumSum", ["gathered", "cumsumAxis"], ["cum"])
            .AddNode("Reshape", ["cum", "flat"], ["flatCum"])
            .AddNode("Sub", ["flatCum", "offset"], ["shifted"])
            .AddNode("Div", ["shifted", "scale"], ["scaled"])
            .AddNode("Relu", ["scaled"], ["relu"])
            .AddNode("Tanh", ["scaled"], ["tanh"])
            .AddOutput("flatCum", TensorElementType.Float, 4)
            .AddOutput("relu", TensorElementType.Float, 4)
            .AddOutput("tanh", TensorElementType.Float, 4);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var outputs = session.Run([new NamedTensor("x", x, [2, 5])], ["flatCum", "relu", "tanh"]);

        // Slice keeps columns 1..3: (1,2,3) and (11,12,13); gathering columns 2,0 gives (3,1) and (13,11); cumulative sums (3,4) and (13,24).
        double[] cum = [3, 4, 13, 24];
        TensorAssert.Close(cum, outputs[0], [4], Tolerance);
        var scaled = cum.Select(v => (v - 12) / 4).ToArray();
        TensorAssert.Close(scaled.Select(v => Math.Max(0, v)).ToArray(), outputs[1], [4], Tolerance);
        TensorAssert.Close(scaled.Select(Math.Tanh).ToArray(), outputs[2], [4], Tolerance);
    }
}
