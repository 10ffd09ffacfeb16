using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Recipes;

/// <summary>
/// After training: how much of the network's correction to keep (the gain) and the interval offsets, both from
/// calibration windows the network never trained on. The gain follows the one-standard-error rule: the smallest gain
/// of <see cref="Gains"/> (the simplest forecast) whose error (mean absolute, of the median) is within one standard error of the lowest, the
/// standard error taken over the calibration windows <c>horizon</c> apart (neighbouring windows share most of their
/// targets, so only those are near independent). A correction that helps by less than the noise in that comparison
/// is not kept: the model is then its classical anchor, which cannot lose to it. The offsets are empirical quantiles of the
/// calibration residuals in units of <see cref="AnchorScale"/>, per step (pooled with the neighbouring steps), so an
/// 80% band covers about 80% of the calibration targets.
/// </summary>
internal static class ConformalCalibration
{
    /// <summary>Candidate gains: the anchor alone, half the correction, all of it.</summary>
    public static readonly float[] Gains = [0f, 0.5f, 1f];

    /// <param name="trained">The anchored network after training.</param>
    /// <param name="calibration">Windows the network never trained on.</param>
    /// <param name="anchorOnly">
    /// Earlier windows (the training ones) whose residuals also set the offsets when no correction is kept: the anchor
    /// alone is a fixed map of the window that nothing was fitted to, so its residuals there are out of sample too, and
    /// the longer history gives the band more of the series' regimes than the validation stretch alone.
    /// </param>
    /// <param name="gains">The gains to choose from; <see cref="Gains"/> when null.</param>
    public static (ForecastNetwork Network, IReadOnlyList<(float Gain, double Error)> Errors) Calibrate(
        ForecastNetwork trained, WindowSet calibration, WindowSet? anchorOnly = null, IReadOnlyList<float>? gains = null)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(calibration);
        var cfg = trained.Config;
        var anchor = cfg.Anchor ?? throw new ArgumentException("Only an anchored network is calibrated.", nameof(trained));
        var median = Array.FindIndex(cfg.Quantiles, q => Math.Abs(q - 0.5f) < 1e-6f);
        if (median < 0 || calibration.Count == 0)
        {
            throw new ArgumentException("Calibration needs a 0.5 quantile and at least one window.");
        }

        var parameters = trained.GetParameters();
        var candidates = new List<(ForecastNetwork Network, float[] Residuals, double Error)>();
        var errors = new List<(float Gain, double Error)>();
        foreach (var gain in gains ?? Gains)
        {
            var candidate = ForecastNetwork.FromParameters(cfg with { Anchor = anchor with { ResidualGain = gain, QuantileOffsets = null, MedianIndex = median } }, parameters);
            var residuals = Residuals(candidate, calibration, median);
            var error = residuals.Average(Math.Abs);
            candidates.Add((candidate, residuals, error));
            errors.Add((gain, error));
        }

        var lowest = candidates.MinBy(c => c.Error);
        var threshold = lowest.Error + StandardError(lowest.Residuals, calibration.Count, cfg.Horizon);
        var (best, bestResiduals, _) = candidates.First(c => c.Error <= threshold);
        var windows = calibration.Count;
        if (best.Config.Anchor!.ResidualGain == 0f && anchorOnly is { Count: > 0 })
        {
            bestResiduals = [.. Residuals(best, anchorOnly, median), .. bestResiduals];
            windows += anchorOnly.Count;
        }

        var offsets = Offsets(bestResiduals, windows, cfg.Horizon, cfg.Quantiles, median);
        var chosen = best.Config.Anchor! with { QuantileOffsets = offsets };
        return (ForecastNetwork.FromParameters(cfg with { Anchor = chosen }, parameters), errors);
    }

    /// <summary>
    /// The standard error of the mean absolute residual, from the windows <paramref name="horizon"/> apart (windows
    /// 0, H, 2H, …), whose targets do not overlap; at least two of them.
    /// </summary>
    internal static double StandardError(float[] residuals, int windows, int horizon)
    {
        var errors = new List<double>();
        for (var w = 0; w < windows; w += horizon)
        {
            double sum = 0;
            for (var t = 0; t < horizon; t++)
            {
                sum += Math.Abs(residuals[(w * horizon) + t]);
            }

            errors.Add(sum / horizon);
        }

        if (errors.Count < 2)
        {
            return 0;
        }

        var mean = errors.Average();
        var variance = errors.Sum(e => (e - mean) * (e - mean)) / (errors.Count - 1);
        return Math.Sqrt(variance / errors.Count);
    }

    /// <summary>[windows, H] (target − median) / d.</summary>
    private static float[] Residuals(ForecastNetwork network, WindowSet windows, int median)
    {
        int l = windows.Lookback, h = windows.Horizon, q = network.Config.QuantileCount;
        var forecasts = network.Predict(windows);
        var residuals = new float[windows.Count * h];
        for (var w = 0; w < windows.Count; w++)
        {
            var unit = AnchorScale.Compute(windows.Values.AsSpan(w * l, l));
            for (var t = 0; t < h; t++)
            {
                residuals[(w * h) + t] = (windows.Targets[(w * h) + t] - forecasts[(((w * h) + t) * q) + median]) / unit;
            }
        }

        return residuals;
    }

    private static float[] Offsets(float[] residuals, int windows, int horizon, float[] quantiles, int median)
    {
        var q = quantiles.Length;
        var offsets = new float[horizon * q];
        var pooled = new List<float>();
        for (var t = 0; t < horizon; t++)
        {
            pooled.Clear();
            for (var s = Math.Max(0, t - 1); s <= Math.Min(horizon - 1, t + 1); s++)
            {
                for (var w = 0; w < windows; w++)
                {
                    pooled.Add(residuals[(w * horizon) + s]);
                }
            }

            pooled.Sort();
            for (var k = 0; k < q; k++)
            {
                // The median stays the point forecast; the other levels never cross it.
                var value = k == median ? 0f : Quantile(pooled, quantiles[k]);
                offsets[(t * q) + k] = k < median ? Math.Min(0, value) : Math.Max(0, value);
            }

            for (var k = 1; k < q; k++)
            {
                offsets[(t * q) + k] = Math.Max(offsets[(t * q) + k], offsets[(t * q) + k - 1]);
            }
        }

        return offsets;
    }

    /// <summary>Linear interpolation between order statistics (type 7) of sorted values.</summary>
    private static float Quantile(List<float> sorted, float level)
    {
        var position = level * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(sorted.Count - 1, below + 1);
        return sorted[below] + ((float)(position - below) * (sorted[above] - sorted[below]));
    }
}
