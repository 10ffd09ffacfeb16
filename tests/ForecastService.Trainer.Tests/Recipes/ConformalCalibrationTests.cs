using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Recipes;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Tests.Recipes;

public sealed class ConformalCalibrationTests
{
    private const int Lookback = 10;
    private const int Horizon = 3;
    private static readonly float[] Quantiles = [0.1f, 0.5f, 0.9f];

    [Fact]
    public void Calibrate_RandomWalk_BandCoversAboutEightyPercentOfFreshWindows()
    {
        var calibration = RandomWalkWindows(count: 600, seed: 1);
        var fresh = RandomWalkWindows(count: 600, seed: 2);
        var trained = new ForecastNetwork(Config(), seed: 3);

        var (network, _) = ConformalCalibration.Calibrate(trained, calibration);

        var forecasts = network.Predict(fresh);
        var covered = 0;
        for (var i = 0; i < fresh.Count * Horizon; i++)
        {
            var y = fresh.Targets[i];
            covered += y >= forecasts[i * 3] && y <= forecasts[(i * 3) + 2] ? 1 : 0;
        }

        var coverage = covered / (double)(fresh.Count * Horizon);
        Assert.InRange(coverage, 0.74, 0.86);
    }

    [Fact]
    public void Calibrate_UntrainedNetworkOnRandomWalk_KeepsLessThanTheWholeCorrection()
    {
        // An untrained network's correction is noise around the naive anchor: the calibration must not keep all of it.
        var (network, errors) = ConformalCalibration.Calibrate(new ForecastNetwork(Config(), seed: 5), RandomWalkWindows(count: 400, seed: 6));

        Assert.True(network.Config.Anchor!.ResidualGain < 1f, string.Join(", ", errors));
        Assert.Equal(ConformalCalibration.Gains.Length, errors.Count);
    }

    [Fact]
    public void Calibrate_Offsets_AreNonCrossingAroundTheMedian()
    {
        var (network, _) = ConformalCalibration.Calibrate(new ForecastNetwork(Config(), seed: 7), RandomWalkWindows(count: 50, seed: 8));

        var offsets = network.Config.Anchor!.QuantileOffsets!;
        for (var h = 0; h < Horizon; h++)
        {
            Assert.True(offsets[h * 3] <= 0 && offsets[(h * 3) + 1] == 0 && offsets[(h * 3) + 2] >= 0);
        }
    }

    [Fact]
    public void ClearlyBetter_ConsistentGainOverBlocks_IsSignificant()
    {
        // Blocks of 2: differences (1+1)/2 = 1, (1+0)/2 = 0.5, (1+1)/2 = 1, (0.5+0.5)/2 = 0.5; mean 0.75,
        // sample variance ((0.25² · 4) / 3) = 1/12, standard error sqrt(1/12 / 4) = 0.1443, t = 5.20 ≥ 1.645.
        double[] baseline = [2, 2, 2, 1, 2, 2, 1.5, 1.5];
        double[] candidate = [1, 1, 1, 1, 1, 1, 1, 1];

        Assert.True(ConformalCalibration.ClearlyBetter(baseline, candidate, block: 2));
    }

    [Fact]
    public void ClearlyBetter_LowerMeanButNoisyBlocks_IsNotSignificant()
    {
        // Block differences 3, -2, 3, -2: mean 0.5, sample variance 25/3, standard error sqrt(25/3 / 4) = 1.443,
        // t = 0.35 < 1.645, although the candidate's mean error is lower.
        double[] baseline = [4, 4, 0, 0, 4, 4, 0, 0];
        double[] candidate = [1, 1, 2, 2, 1, 1, 2, 2];

        Assert.False(ConformalCalibration.ClearlyBetter(baseline, candidate, block: 2));
    }

    [Fact]
    public void ClearlyBetter_FewerThanTwoBlocks_IsNeverSignificant()
    {
        Assert.False(ConformalCalibration.ClearlyBetter([9, 9, 9], [0, 0, 0], block: 2));
    }

    [Theory]
    [InlineData(0.9f, 9, 1.0f)] // 0.9 · 10 / 9 = 1: with 9 windows the 80% band runs to the extremes
    [InlineData(0.9f, 99, 0.909091f)] // 0.9 · 100 / 99
    [InlineData(0.1f, 99, 0.090909f)] // 1 − 0.9 · 100 / 99
    [InlineData(0.1f, 4, 0f)] // 1 − 0.9 · 5 / 4 < 0
    [InlineData(0.5f, 4, 0.5f)]
    public void CorrectedLevel_FiniteSample_WidensTowardsTheTails(float level, int windows, float expected)
    {
        Assert.Equal(expected, ConformalCalibration.CorrectedLevel(level, windows), 5);
    }

    [Fact]
    public void TrendInflation_ErrorsDoublingInTheLaterHalf_WidensTwofold()
    {
        // One series, 4 windows of 2 steps: earlier |residuals| 1+1+1+1 = 4, later 2+2+2+2 = 8.
        float[] residuals = [1, -1, 1, -1, 2, -2, -2, 2];

        Assert.Equal(2.0, ConformalCalibration.TrendInflation(residuals, [0, 0, 0, 0], horizon: 2), 6);
    }

    [Fact]
    public void TrendInflation_ShrinkingErrors_KeepsTheBand()
    {
        float[] residuals = [4, 4, 1, 1];

        Assert.Equal(1.0, ConformalCalibration.TrendInflation(residuals, [0, 0, 0, 0], horizon: 1), 6);
    }

    [Fact]
    public void TrendInflation_TwoSeriesOddCounts_PoolsHalvesPerSeriesAndSkipsTheMiddleWindow()
    {
        // Series 0, windows 1 3 9: earlier 1, later 9 (3 is the middle). Series 1, windows 2 2: earlier 2, later 2.
        // Pooled: (9 + 2) / (1 + 2) = 11 / 3.
        float[] residuals = [1, 3, 9, 2, 2];

        Assert.Equal(11.0 / 3, ConformalCalibration.TrendInflation(residuals, [0, 0, 0, 1, 1], horizon: 1), 6);
    }

    private static NetworkConfig Config()
    {
        var naive = ClassicalBank.Members(Lookback, Horizon, [])[0];
        return new NetworkConfig(CellType.Gru, 1, 4, 0f, Lookback, Horizon, 0, Quantiles, Anchor: new ForecastAnchor(naive.Name, naive.Weights));
    }

    /// <summary>Independent Gaussian random-walk windows, so the naive anchor's residuals are exchangeable across windows.</summary>
    private static WindowSet RandomWalkWindows(int count, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var values = new float[count * Lookback];
        var targets = new float[count * Horizon];
        for (var w = 0; w < count; w++)
        {
            var level = 100.0;
            for (var t = 0; t < Lookback + Horizon; t++)
            {
                level += Normal();
                if (t < Lookback)
                {
                    values[(w * Lookback) + t] = (float)level;
                }
                else
                {
                    targets[(w * Horizon) + t - Lookback] = (float)level;
                }
            }
        }

        return new WindowSet(count, Lookback, Horizon, 0, values, [], [], targets, new int[count]);
    }
}
