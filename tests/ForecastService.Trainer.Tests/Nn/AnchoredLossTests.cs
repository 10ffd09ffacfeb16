using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Recipes;

namespace ForecastService.Trainer.Tests.Nn;

/// <summary>
/// An anchored network trains on the targets' distance from the anchor in units of the window's mean step; its
/// trainable part (encoder and head) is the plain network's, whose gradients <see cref="NetworkGradientTests"/> check.
/// </summary>
public sealed class AnchoredLossTests
{
    private const int Rows = 4;
    private const int Lookback = 8;
    private const int Horizon = 3;
    private static readonly float[] Quantiles = [0.1f, 0.5f, 0.9f];

    [Fact]
    public void Loss_AnchoredNetwork_IsPinballOfTargetsRelativeToAnchorInMeanSteps()
    {
        var naive = ClassicalBank.Members(Lookback, Horizon, [])[0];
        var config = new NetworkConfig(CellType.Lstm, 1, 5, 0f, Lookback, Horizon, 0, Quantiles, Anchor: new ForecastAnchor(naive.Name, naive.Weights));
        var network = new ForecastNetwork(config, seed: 2);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, 0, seed: 3, level: 30, spread: 6);
        var pass = new NetworkPass(network, Rows);

        pass.Forward(windows, null, 0, Rows, dropout: null);
        var loss = pass.Loss(windows, null, 0);

        var q = pass.ScaledQuantiles.ToArray();
        double expected = 0;
        for (var r = 0; r < Rows; r++)
        {
            var x = windows.Values.AsSpan(r * Lookback, Lookback).ToArray();
            var meanStep = x.Zip(x.Skip(1)).Average(p => Math.Abs((double)p.Second - p.First)) + (1e-3 * (Math.Abs(x.Average()) + 1e-3));
            for (var h = 0; h < Horizon; h++)
            {
                var y = (float)((windows.Targets[(r * Horizon) + h] - x[^1]) / meanStep);
                for (var k = 0; k < Quantiles.Length; k++)
                {
                    expected += PinballLoss.Value(y, q[(((r * Horizon) + h) * 3) + k], Quantiles[k]);
                }
            }
        }

        Assert.Equal(expected, loss, 4);
    }

    [Fact]
    public void Predict_AnchoredNetwork_IsAnchorPlusMeanStepTimesScaledQuantiles()
    {
        var seasonal = ClassicalBank.Members(Lookback, Horizon, [new SeasonalPeriod(4, "four")]).Single(m => m.Name == "seasonal naive (four)");
        var config = new NetworkConfig(CellType.Gru, 1, 5, 0f, Lookback, Horizon, 0, Quantiles, Anchor: new ForecastAnchor(seasonal.Name, seasonal.Weights, ResidualGain: 0.5f));
        var network = new ForecastNetwork(config, seed: 4);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, 0, seed: 5, level: -20, spread: 3);
        var pass = new NetworkPass(network, Rows);
        pass.Forward(windows, null, 0, Rows, dropout: null);
        var q = pass.ScaledQuantiles.ToArray();

        var forecasts = network.Predict(windows);

        for (var r = 0; r < Rows; r++)
        {
            var x = windows.Values.AsSpan(r * Lookback, Lookback).ToArray();
            var meanStep = x.Zip(x.Skip(1)).Average(p => Math.Abs((double)p.Second - p.First)) + (1e-3 * (Math.Abs(x.Average()) + 1e-3));
            for (var h = 0; h < Horizon; h++)
            {
                for (var k = 0; k < Quantiles.Length; k++)
                {
                    var i = (((r * Horizon) + h) * 3) + k;
                    Assert.Equal(x[Lookback - 4 + h] + (meanStep * 0.5 * q[i]), forecasts[i], 3);
                }
            }
        }
    }
}
