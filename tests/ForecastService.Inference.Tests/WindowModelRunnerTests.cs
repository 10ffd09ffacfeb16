using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference.Tests.Batching;

namespace ForecastService.Inference.Tests;

public sealed class WindowModelRunnerTests : IDisposable
{
    private readonly OnnxSession _session = BatchTestModel.Load();

    [Fact]
    public void Run_RowsSlicedFromLargerPooledBuffers_EachRowIsItsOwnWindowsAnswer()
    {
        // Two windows placed at rows 3 and 4 of buffers sized for eight, as a batcher's pooled buffers are.
        var runner = new WindowModelRunner(_session, BatchTestModel.Signature);
        var input = BatchTestModel.Input(seed: 5, windows: 2);
        int l = runner.Lookback, h = runner.Horizon, c = runner.Covariates, q = runner.QuantileCount;
        var values = new float[8 * l];
        var past = new float[8 * l * c];
        var future = new float[8 * h * c];
        var output = new float[8 * h * q];
        input.Values.CopyTo(values, 3 * l);
        input.PastCovariates.CopyTo(past, 3 * l * c);
        input.FutureCovariates.CopyTo(future, 3 * h * c);

        runner.Run(2, values.AsMemory(3 * l, 2 * l), past.AsMemory(3 * l * c, 2 * l * c), future.AsMemory(3 * h * c, 2 * h * c), output.AsMemory(3 * h * q, 2 * h * q));

        // The test model's answer by hand: mean(values) + Σ_c mean_t(past) + Σ_c future[h] + offset[q].
        float[] offsets = [-1f, 0f, 1f];
        for (var b = 0; b < 2; b++)
        {
            var level = input.Values.AsSpan(b * l, l).ToArray().Average();
            for (var k = 0; k < c; k++)
            {
                var sum = 0f;
                for (var t = 0; t < l; t++)
                {
                    sum += input.PastCovariates[(((b * l) + t) * c) + k];
                }

                level += sum / l;
            }

            for (var step = 0; step < h; step++)
            {
                var futureSum = 0f;
                for (var k = 0; k < c; k++)
                {
                    futureSum += input.FutureCovariates[(((b * h) + step) * c) + k];
                }

                for (var j = 0; j < q; j++)
                {
                    Assert.Equal(level + futureSum + offsets[j], output[((((3 + b) * h) + step) * q) + j], 2);
                }
            }
        }

        Assert.All(output.AsSpan(0, 3 * h * q).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(output.AsSpan(5 * h * q).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Run_ForecastInput_SameAsUnbatchedSessionRun()
    {
        var runner = new WindowModelRunner(_session, BatchTestModel.Signature);
        var input = BatchTestModel.Input(seed: 11, windows: 3);

        var output = runner.Run(input);

        Assert.Equal((3, BatchTestModel.Signature.Horizon, 3), (output.BatchSize, output.Horizon, output.QuantileCount));
        Assert.Equal(BatchTestModel.RunAlone(_session, input), output.ToRows());
    }

    [Fact]
    public void Run_ValuesShorterThanRows_NamesTheInputBeforeOnnxRuntimeRuns()
    {
        var runner = new WindowModelRunner(_session, BatchTestModel.Signature);
        var input = BatchTestModel.Input(seed: 1, windows: 2);
        var output = new float[2 * runner.OutputRowLength];

        var error = Assert.Throws<ArgumentException>(() =>
            runner.Run(2, input.Values.AsMemory(0, runner.Lookback), input.PastCovariates, input.FutureCovariates, output));

        Assert.Contains($"'{ModelContract.ValuesInput}'", error.Message, StringComparison.Ordinal);
        Assert.All(output, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Run_RunnerLookbackDisagreesWithModel_RefusedWithTheModelsShape()
    {
        var signature = BatchTestModel.Signature;
        var runner = new WindowModelRunner(_session, signature.Lookback + 1, signature.Horizon, signature.CovariateCount, signature.Quantiles.Count);
        var input = new ForecastInput(1, signature.Lookback + 1, signature.Horizon, signature.CovariateCount);

        var error = Assert.Throws<ArgumentException>(() => runner.Run(input));

        Assert.Contains("the model expects", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _session.Dispose();
}
