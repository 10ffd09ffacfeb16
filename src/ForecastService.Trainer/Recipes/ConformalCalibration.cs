using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Recipes;

/// <summary>
/// After training: how much of the network's correction to keep (the gain) and the interval offsets, both from
/// calibration windows the network never trained on. The gain is the one of <see cref="Gains"/> with the lowest
/// median error (ties go to the smaller gain, the simpler forecast); the offsets are empirical quantiles of the
/// calibration residuals in units of <see cref="AnchorScale"/>, per step (pooled with the neighbouring steps), so an
/// 80% band covers about 80% of the calibration targets.
/// </summary>
internal static class ConformalCalibration
{
    /// <summary>Candidate gains: the anchor alone, half the correction, all of it.</summary>
    public static readonly float[] Gains = [0f, 0.5f, 1f];

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
        foreach (var gain in Gains)
        {
            var candidate = ForecastNetwork.FromParameters(cfg with { Anchor = anchor with { ResidualGain = gain, QuantileOffsets = null, MedianIndex = median } }, parameters);
            var residuals = Residuals(candidate, calibration, median);
            var error = residuals.Average(Math.Abs);
            errors.Add((gain, error));
            if (error < bestError - 1e-9)
            {
                (best, bestError, bestResiduals) = (candidate, error, residuals);
            }
        }

        var offsets = Offsets(bestResiduals, calibration.Count, cfg.Horizon, cfg.Quantiles, median);
        var chosen = best!.Config.Anchor! with { QuantileOffsets = offsets };
        return (ForecastNetwork.FromParameters(cfg with { Anchor = chosen }, parameters), errors);
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
