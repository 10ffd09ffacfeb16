using ForecastService.Core.Models;

namespace ForecastService.Trainer.Nn;

/// <summary>
/// The unit of an anchored network's outputs: d = mean |x_t − x_{t−1}| over the window + 1e-3·(|mean| + 1e-3). It is
/// the window's own one-step naive error, so losses and interval offsets are in MASE-like units; the floor (as in
/// <see cref="StreamScaling"/>) keeps d positive for flat windows.
/// </summary>
internal static class AnchorScale
{
    public static float Compute(ReadOnlySpan<float> x)
    {
        double sum = 0;
        double diffs = 0;
        for (var t = 0; t < x.Length; t++)
        {
            sum += x[t];
            if (t > 0)
            {
                diffs += Math.Abs((double)x[t] - x[t - 1]);
            }
        }

        var mean = sum / x.Length;
        return (float)((diffs / (x.Length - 1)) + (StreamScaling.Floor * (Math.Abs(mean) + StreamScaling.Floor)));
    }
}
