using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.OnnxWriting;

namespace ForecastService.Inference.Tests.Batching;

/// <summary>
/// A contract-shaped window model whose every output row depends on all three inputs of its own window only:
/// quantiles[b, h, q] = mean(values[b]) + sum_c mean_t(past[b, t, c]) + sum_c future[b, h, c] + offset[q]. A row
/// handed to the wrong caller, or a window copied to the wrong batch row, changes the answer.
/// </summary>
internal static class BatchTestModel
{
    public static readonly ModelSignature Signature = new("batch-test", 1, lookback: 8, horizon: 4, Frequency.Parse("1h"), [0.1, 0.5, 0.9]);

    public static OnnxSession Load()
    {
        var s = Signature;
        var c = s.CovariateCount;
        var g = new OnnxGraphBuilder("batch-test");
        g.AddInput(ModelContract.ValuesInput, TensorElementType.Float, "batch", s.Lookback);
        g.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, "batch", s.Lookback, c);
        g.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, "batch", s.Horizon, c);
        g.AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, "batch", s.Horizon, s.Quantiles.Count);
        g.AddInitializer("axis2", [2L], 1);
        g.AddInitializer("offsets", [-1f, 0f, 1f], 1, 1, 3);
        g.AddNode("ReduceMean", [ModelContract.ValuesInput], ["mean"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        g.AddNode("Unsqueeze", ["mean", "axis2"], ["mean3"]);
        g.AddNode("ReduceMean", [ModelContract.PastCovariatesInput], ["pastMean"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        g.AddNode("ReduceSum", ["pastMean", "axis2"], ["past"], OnnxAttribute.Int("keepdims", 1));
        g.AddNode("ReduceSum", [ModelContract.FutureCovariatesInput, "axis2"], ["future"], OnnxAttribute.Int("keepdims", 1));
        g.AddNode("Add", ["mean3", "past"], ["level"]);
        g.AddNode("Add", ["level", "future"], ["steps"]);
        g.AddNode("Add", ["steps", "offsets"], [ModelContract.QuantilesOutput]);
        return OnnxSession.Load(g.Build(new OnnxModelOptions { OpsetVersion = 17 }).ToArray());
    }

    /// <summary>A call of <paramref name="windows"/> windows whose numbers all derive from <paramref name="seed"/>, so no two calls look alike.</summary>
    public static ForecastInput Input(int seed, int windows)
    {
        var s = Signature;
        var input = new ForecastInput(windows, s.Lookback, s.Horizon, s.CovariateCount);
        var random = new Random(seed);
        Fill(input.Values, random, 1000f);
        Fill(input.PastCovariates, random, 1f);
        Fill(input.FutureCovariates, random, 1f);
        return input;
    }

    /// <summary>The unbatched answer: this call alone, straight through the session.</summary>
    public static float[] RunAlone(OnnxSession session, ForecastInput input)
    {
        var output = new float[input.BatchSize * input.Horizon * Signature.Quantiles.Count];
        session.Run(
            [
                new NamedTensor(ModelContract.ValuesInput, input.Values, input.ValuesShape),
                new NamedTensor(ModelContract.PastCovariatesInput, input.PastCovariates, input.PastCovariatesShape),
                new NamedTensor(ModelContract.FutureCovariatesInput, input.FutureCovariates, input.FutureCovariatesShape),
            ],
            [new NamedTensor(ModelContract.QuantilesOutput, output, [input.BatchSize, input.Horizon, Signature.Quantiles.Count])]);
        return output;
    }

    private static void Fill(float[] buffer, Random random, float scale)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (float)(random.NextDouble() * scale);
        }
    }
}
