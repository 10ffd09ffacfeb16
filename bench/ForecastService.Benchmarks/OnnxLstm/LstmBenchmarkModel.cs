using ForecastService.OnnxWriting;

namespace ForecastService.Benchmarks.OnnxLstm;

/// <summary>The benchmarked model: one forward ONNX LSTM, X [seq, batch, 1] → Y_h [1, batch, hidden].</summary>
internal static class LstmBenchmarkModel
{
    public const int Hidden = 64;
    public const int Steps = 168;
    public const int Features = 1;

    public static OnnxModel Build(int seed)
    {
        // PyTorch's default LSTM initialisation: U(-1/sqrt(H), 1/sqrt(H)).
        var random = new Random(seed);
        var scale = 1f / MathF.Sqrt(Hidden);
        var builder = new OnnxGraphBuilder("lstm_bench");
        builder.AddInput("X", TensorElementType.Float, "seq", "batch", Features);
        builder.AddInitializer("W", Uniform(random, 4 * Hidden * Features, scale), 1, 4 * Hidden, Features);
        builder.AddInitializer("R", Uniform(random, 4 * Hidden * Hidden, scale), 1, 4 * Hidden, Hidden);
        builder.AddInitializer("B", Uniform(random, 8 * Hidden, scale), 1, 8 * Hidden);
        return builder
            .AddNode("LSTM", ["X", "W", "R", "B"], [string.Empty, "Y_h"], OnnxAttribute.Int("hidden_size", Hidden))
            .AddOutput("Y_h", TensorElementType.Float, 1, "batch", Hidden)
            .Build(new OnnxModelOptions { OpsetVersion = 14, ProducerName = "ForecastService.Benchmarks" });
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
