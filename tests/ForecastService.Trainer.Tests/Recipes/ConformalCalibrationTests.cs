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
    public void Calibrate_CorrectionWithinNoise_KeepsNoneOfIt()
    {
        // An untrained network's correction is noise: whatever it does to the error is within one standard error of
        // the anchor's, so the one-standard-error rule keeps the anchor alone.
        var (network, errors) = ConformalCalibration.Calibrate(new ForecastNetwork(Config(), seed: 9), RandomWalkWindows(count: 300, seed: 10));

        Assert.Equal(0f, network.Config.Anchor!.ResidualGain);
        Assert.Equal(ConformalCalibration.Gains.Length, errors.Count);
    }

    [Fact]
    public void Calibrate_NoCorrectionKept_EarlierWindowsWidenTheBand()
    {
        // The earlier windows' horizons are three times as noisy as the calibration ones: when the anchor alone serves,
        // their residuals join the calibration residuals, so the band gets wider than from calibration alone.
        var trained = new ForecastNetwork(Config(), seed: 9);
        var calibration = RandomWalkWindows(count: 300, seed: 10);
        var earlier = RandomWalkWindows(count: 900, seed: 11, futureNoise: 3);

        var (alone, _) = ConformalCalibration.Calibrate(trained, calibration);
        var (pooled, _) = ConformalCalibration.Calibrate(trained, calibration, earlier);

        Assert.Equal(0f, pooled.Config.Anchor!.ResidualGain);
        var upper = (Horizon - 1) * 3 + 2;
        Assert.True(pooled.Config.Anchor.QuantileOffsets![upper] > 1.5 * alone.Config.Anchor!.QuantileOffsets![upper], $"{pooled.Config.Anchor.QuantileOffsets[upper]} vs {alone.Config.Anchor.QuantileOffsets![upper]}");
    }

    [Fact]
    public void StandardError_WindowsAHorizonApart_HandComputed()
    {
        // Four windows of two steps: only windows 0 and 2 count. Their mean |residual| are 2 and 4: mean 3, sample
        // variance ((2 − 3)² + (4 − 3)²) / 1 = 2, standard error √(2 / 2) = 1.
        float[] residuals = [1f, -3f, 100f, 100f, 4f, -4f, 100f, 100f];

        Assert.Equal(1.0, ConformalCalibration.StandardError(residuals, windows: 4, horizon: 2), 9);
    }

    [Fact]
    public void StandardError_FewerThanTwoIndependentWindows_Zero()
    {
        Assert.Equal(0.0, ConformalCalibration.StandardError([1f, 2f, 3f], windows: 1, horizon: 3));
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

    private static NetworkConfig Config()
    {
        var naive = ClassicalBank.Members(Lookback, Horizon, [])[0];
        return new NetworkConfig(CellType.Gru, 1, 4, 0f, Lookback, Horizon, 0, Quantiles, Anchor: new ForecastAnchor(naive.Name, naive.Weights));
    }

    /// <summary>Independent Gaussian random-walk windows, so the naive anchor's residuals are exchangeable across windows.</summary>
    private static WindowSet RandomWalkWindows(int count, int seed, double futureNoise = 1)
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
                level += t < Lookback ? Normal() : futureNoise * Normal();
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
