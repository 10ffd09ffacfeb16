using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Tests.Nn;

public class NetworkTrainerTests
{
    private static readonly float[] Quantiles = [0.1f, 0.5f, 0.9f];

    [Fact]
    public void Fit_NoisySeasonalSignal_BeatsSeasonalNaiveWithEmpiricalIntervals()
    {
        const int Lookback = 48;
        const int Horizon = 12;
        var (train, validation) = SyntheticWindows.Seasonal(series: 3, length: 500, Lookback, Horizon, noise: 0.05f, seed: 5);
        var config = new NetworkConfig(CellType.Lstm, 1, 16, 0f, Lookback, Horizon, train.CovariateCount, Quantiles);
        var options = new TrainingOptions(Epochs: 10, BatchSize: 32, LearningRate: 0.01f, WeightDecay: 1e-4f, GradientClipNorm: 1f, EarlyStoppingPatience: 8, Seed: 3);

        var fit = NetworkTrainer.Fit(config, train, validation, options);

        var baseline = SeasonalNaiveLoss(validation, period: 24);
        Assert.True(
            fit.BestValidationLoss < 0.75 * baseline,
            $"Validation pinball loss {fit.BestValidationLoss:F4} is not well below seasonal naive's {baseline:F4}.");
        Assert.True(fit.History[0].ValidationLoss > fit.BestValidationLoss);
    }

    [Fact]
    public void Fit_SameSeedOneOrTwoThreads_IdenticalWeights()
    {
        var (train, validation) = SyntheticWindows.Seasonal(series: 2, length: 200, lookback: 24, horizon: 6, noise: 0.1f, seed: 1);
        var config = new NetworkConfig(CellType.Lstm, 2, 8, 0.2f, 24, 6, train.CovariateCount, Quantiles, HeadHiddenSize: 4);
        TrainingOptions Options(int seed, int threads) => new(Epochs: 2, BatchSize: 48, LearningRate: 0.01f, WeightDecay: 1e-3f, GradientClipNorm: 0.5f, EarlyStoppingPatience: 0, Seed: seed, Threads: threads);

        var one = NetworkTrainer.Fit(config, train, validation, Options(7, 1)).BestNetwork.GetParameters();
        var two = NetworkTrainer.Fit(config, train, validation, Options(7, 2)).BestNetwork.GetParameters();
        var again = NetworkTrainer.Fit(config, train, validation, Options(7, 2)).BestNetwork.GetParameters();
        var otherSeed = NetworkTrainer.Fit(config, train, validation, Options(8, 2)).BestNetwork.GetParameters();

        Assert.Equal(one, two);
        Assert.Equal(two, again);
        Assert.NotEqual(one, otherSeed);
    }

    [Fact]
    public void Fit_EarlyStopping_KeepsBestEpochWeights()
    {
        var (train, validation) = SyntheticWindows.Seasonal(series: 2, length: 200, lookback: 24, horizon: 6, noise: 0.1f, seed: 2);
        var config = new NetworkConfig(CellType.Gru, 1, 8, 0f, 24, 6, train.CovariateCount, Quantiles);
        var options = new TrainingOptions(Epochs: 12, BatchSize: 16, LearningRate: 0.05f, WeightDecay: 0f, GradientClipNorm: 1f, EarlyStoppingPatience: 2, Seed: 4);

        var fit = NetworkTrainer.Fit(config, train, validation, options);

        var best = fit.History.Min(r => r.ValidationLoss);
        Assert.Equal(best, fit.History[fit.BestEpoch - 1].ValidationLoss);
        var recomputed = new GradientEngine(fit.BestNetwork, 16, 1).Evaluate(validation);
        Assert.Equal(best, recomputed, 1e-5f);
    }

    /// <summary>
    /// Seasonal naive with empirical intervals, scored like the network: the forecast is the value one period earlier,
    /// its quantiles are it plus the quantiles of the window's own seasonal differences, and the pinball loss is taken
    /// on values scaled by the window's mean and floored standard deviation.
    /// </summary>
    private static double SeasonalNaiveLoss(WindowSet windows, int period)
    {
        double total = 0;
        var l = windows.Lookback;
        var h = windows.Horizon;
        for (var i = 0; i < windows.Count; i++)
        {
            var x = windows.Values.AsSpan(i * l, l).ToArray();
            var mean = x.Average(v => (double)v);
            var std = Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
            var scale = std + (1e-3 * (Math.Abs(mean) + 1e-3));
            var differences = Enumerable.Range(period, l - period).Select(t => (double)x[t] - x[t - period]).Order().ToArray();
            for (var step = 0; step < h; step++)
            {
                var naive = x[l - period + (step % period)];
                var y = windows.Targets[(i * h) + step];
                foreach (var tau in Quantiles)
                {
                    var q = naive + differences[(int)Math.Round(tau * (differences.Length - 1))];
                    var u = (y - q) / scale;
                    total += u >= 0 ? tau * u : (tau - 1) * u;
                }
            }
        }

        return total / ((double)windows.Count * h * Quantiles.Length);
    }
}
