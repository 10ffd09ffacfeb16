using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Recipes;

/// <summary>
/// After training: how much of the network's correction to keep (the gain) and the interval offsets, both from
/// calibration windows the network never trained on. The gain is the one of <see cref="Gains"/> with the lowest
/// median error among those that beat the anchor alone clearly (<see cref="ClearlyBetter"/>), else 0: be the
/// classical forecast unless the network is clearly better. The offsets are empirical quantiles of the calibration
/// residuals in units of <see cref="AnchorScale"/>, per step (pooled with the neighbouring steps), at levels widened by
/// the finite-sample correction (<see cref="CorrectedLevel"/>), and the band widened when the errors grow over the
/// calibration region (<see cref="TrendInflation"/>).
/// </summary>
internal static class ConformalCalibration
{
    /// <summary>Candidate gains: the anchor alone, half the correction, all of it.</summary>
    public static readonly float[] Gains = [0f, 0.5f, 1f];

    /// <summary>One-sided 5% critical value of the standard normal.</summary>
    public const double CriticalValue = 1.645;

    public static (ForecastNetwork Network, IReadOnlyList<(float Gain, double Error)> Errors) Calibrate(ForecastNetwork trained, WindowSet calibration)
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
        var errors = new List<(float Gain, double Error)>();
        ForecastNetwork? best = null;
        var bestError = double.PositiveInfinity;
        float[] bestResiduals = [];
        double[] anchorErrors = [];
        foreach (var gain in Gains)
        {
            var candidate = ForecastNetwork.FromParameters(cfg with { Anchor = anchor with { ResidualGain = gain, QuantileOffsets = null, MedianIndex = median } }, parameters);
            var residuals = Residuals(candidate, calibration, median);
            var error = residuals.Average(Math.Abs);
            errors.Add((gain, error));
            var windowErrors = WindowErrors(residuals, calibration.Count, cfg.Horizon);
            if (best is null)
            {
                anchorErrors = windowErrors;
            }

            var admissible = best is null || ClearlyBetter(anchorErrors, windowErrors, cfg.Horizon);
            if (admissible && error < bestError - 1e-9)
            {
                (best, bestError, bestResiduals) = (candidate, error, residuals);
            }
        }

        var offsets = Offsets(bestResiduals, calibration.Count, cfg.Horizon, cfg.Quantiles, median);
        var inflation = (float)TrendInflation(bestResiduals, calibration.SeriesIndex, cfg.Horizon);
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] *= inflation;
        }

        var chosen = best!.Config.Anchor! with { QuantileOffsets = offsets };
        return (ForecastNetwork.FromParameters(cfg with { Anchor = chosen }, parameters), errors);
    }

    /// <summary>
    /// Whether the candidate's per-window errors are significantly lower than the baseline's: a one-sided
    /// Diebold-Mariano-style test on the paired differences, averaged in blocks of <paramref name="block"/>
    /// consecutive windows first, because windows one step apart share all but one of their targets and their
    /// differences are far from independent (batch means). Fewer than two blocks is never significant.
    /// </summary>
    public static bool ClearlyBetter(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, int block)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Count != candidate.Count || block < 1)
        {
            throw new ArgumentException("Paired errors of equal length and a positive block are needed.");
        }

        var blocks = baseline.Count / block;
        if (blocks < 2)
        {
            return false;
        }

        var means = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            for (var w = b * block; w < (b + 1) * block; w++)
            {
                means[b] += (baseline[w] - candidate[w]) / block;
            }
        }

        var mean = means.Average();
        var variance = means.Sum(m => (m - mean) * (m - mean)) / (blocks - 1);
        if (variance <= 0)
        {
            return mean > 0;
        }

        return mean / Math.Sqrt(variance / blocks) >= CriticalValue;
    }

    /// <summary>
    /// The split-conformal finite-sample correction: with n exchangeable calibration errors, the level-q quantile is
    /// read at ⌈(n+1)q⌉/n (upper levels) or mirrored for lower levels, so a band covers at least what it claims on
    /// a fresh window. (Counting only non-overlapping windows, n = windows / H, was measured too: mean coverage 0.91.)
    /// </summary>
    public static float CorrectedLevel(float level, int independentWindows)
    {
        var n = Math.Max(1, independentWindows);
        if (level > 0.5f)
        {
            return Math.Min(1f, level * (n + 1) / n);
        }

        return level < 0.5f ? Math.Max(0f, 1f - ((1f - level) * (n + 1) / n)) : level;
    }

    /// <summary>
    /// How much wider the band must be when the calibration errors grow over time: the ratio of the mean |residual|
    /// of each series' later half of windows to that of its earlier half, pooled over series, and never below 1.
    /// The newest errors are the best guess of the next ones, and a band fitted to calmer earlier windows under-covers.
    /// </summary>
    public static double TrendInflation(IReadOnlyList<float> residuals, IReadOnlyList<int> seriesIndex, int horizon)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(seriesIndex);
        double earlier = 0, later = 0;
        var start = 0;
        while (start < seriesIndex.Count)
        {
            var end = start;
            while (end < seriesIndex.Count && seriesIndex[end] == seriesIndex[start])
            {
                end++;
            }

            var middle = start + ((end - start) / 2);
            for (var w = start; w < end; w++)
            {
                var sum = 0.0;
                for (var t = 0; t < horizon; t++)
                {
                    sum += Math.Abs(residuals[(w * horizon) + t]);
                }

                // An odd count leaves the middle window out, so both halves hold as many windows.
                if (w < middle)
                {
                    earlier += sum;
                }
                else if (w >= end - (middle - start))
                {
                    later += sum;
                }
            }

            start = end;
        }

        return earlier > 0 ? Math.Max(1, later / earlier) : 1;
    }

    /// <summary>Mean |residual| of each window over its steps.</summary>
    private static double[] WindowErrors(float[] residuals, int windows, int horizon)
    {
        var errors = new double[windows];
        for (var w = 0; w < windows; w++)
        {
            for (var t = 0; t < horizon; t++)
            {
                errors[w] += Math.Abs(residuals[(w * horizon) + t]) / horizon;
            }
        }

        return errors;
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
        var independent = windows;
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
                var value = k == median ? 0f : Quantile(pooled, CorrectedLevel(quantiles[k], independent));
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
