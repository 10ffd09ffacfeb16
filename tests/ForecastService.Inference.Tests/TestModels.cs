using ForecastService.OnnxWriting;

namespace ForecastService.Inference.Tests;

/// <summary>Small models for the binding tests, built with the project's ONNX writer.</summary>
internal static class TestModels
{
    public const string Producer = "ForecastService.OnnxWriting.Tests";

    /// <summary>Z = X + Y over [batch, 3]; metadata {kind: add, probe: lstm-small}.</summary>
    public static OnnxModel Add() =>
        new OnnxGraphBuilder("add")
            .AddInput("X", TensorElementType.Float, "batch", 3)
            .AddInput("Y", TensorElementType.Float, "batch", 3)
            .AddNode("Add", ["X", "Y"], ["Z"])
            .AddOutput("Z", TensorElementType.Float, "batch", 3)
            .Build(new OnnxModelOptions
            {
                OpsetVersion = 17,
                ProducerName = Producer,
                Metadata = new Dictionary<string, string> { ["kind"] = "add", ["probe"] = "lstm-small", ["unicode"] = "µ-Ω ✓" },
            });

    /// <summary>Y = X · W + B with X [batch, inputs], W [inputs, outputs] and B [outputs].</summary>
    public static OnnxModel Linear(float[] weights, float[] bias, int inputs, int outputs)
    {
        var builder = new OnnxGraphBuilder("linear");
        builder.AddInput("X", TensorElementType.Float, "batch", inputs);
        builder.AddInitializer("W", weights, inputs, outputs);
        builder.AddInitializer("B", bias, outputs);
        return builder
            .AddNode("MatMul", ["X", "W"], ["XW"])
            .AddNode("Add", ["XW", "B"], ["Y"])
            .AddOutput("Y", TensorElementType.Float, "batch", outputs)
            .Build(new OnnxModelOptions { OpsetVersion = 17, ProducerName = Producer });
    }

    /// <summary>
    /// One forward LSTM (layout 0) with seeded random weights: X [seq, batch, inputs] → Y_h [1, batch, hidden].
    /// </summary>
    public static OnnxModel Lstm(int inputs, int hidden, int seed)
    {
        var random = new Random(seed);
        var builder = new OnnxGraphBuilder("lstm");
        builder.AddInput("X", TensorElementType.Float, "seq", "batch", inputs);
        builder.AddInitializer("W", Uniform(random, 4 * hidden * inputs, 0.3f), 1, 4 * hidden, inputs);
        builder.AddInitializer("R", Uniform(random, 4 * hidden * hidden, 0.3f), 1, 4 * hidden, hidden);
        builder.AddInitializer("B", Uniform(random, 8 * hidden, 0.1f), 1, 8 * hidden);
        return builder
            .AddNode("LSTM", ["X", "W", "R", "B"], [string.Empty, "Y_h"], OnnxAttribute.Int("hidden_size", hidden))
            .AddOutput("Y_h", TensorElementType.Float, 1, "batch", hidden)
            .Build(new OnnxModelOptions { OpsetVersion = 14, ProducerName = Producer });
    }

    /// <summary>
    /// A long chain of <paramref name="steps"/> (MatMul, Tanh) pairs: X [rows, size] · M, squashed, repeatedly. ORT
    /// checks the terminate flag between nodes, so a long chain of separate nodes is what a cancellation test needs.
    /// Tanh keeps the values away from both overflow and (slow) denormals.
    /// </summary>
    public static OnnxModel MatMulChain(int size, int steps)
    {
        var random = new Random(7);
        var builder = new OnnxGraphBuilder("chain");
        builder.AddInput("X", TensorElementType.Float, "rows", size);
        builder.AddInitializer("M", Uniform(random, size * size, 2f * MathF.Sqrt(3f / size)), size, size);
        var previous = "X";
        for (var i = 0; i < steps; i++)
        {
            var next = i == steps - 1 ? "Y" : $"h{i}";
            builder.AddNode("MatMul", [previous, "M"], [$"m{i}"]);
            builder.AddNode("Tanh", [$"m{i}"], [next]);
            previous = next;
        }

        return builder
            .AddOutput("Y", TensorElementType.Float, "rows", size)
            .Build(new OnnxModelOptions { OpsetVersion = 17, ProducerName = Producer });
    }

    public static float[] Uniform(Random random, int count, float scale)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ((float)random.NextDouble() * 2f - 1f) * scale;
        }

        return values;
    }
}
