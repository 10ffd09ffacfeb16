using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Export;

/// <summary>How far two sets of forecasts of the same windows are apart, as the export checks measure it.</summary>
internal static class ForecastDifference
{
    /// <summary>
    /// The largest difference of any output, relative to the larger of the expected output's magnitude and its
    /// window's scale, and where it is. Float32 inference cannot do better than about 1e-7 of the output's magnitude,
    /// so a pure window-scale measure would fail correct exports of near-flat windows at a high level (e.g. a yield of
    /// 5.7 that moved by 0.05); the scale floor keeps outputs near zero from being judged against their own tiny size.
    /// An export bug (gate order, bias layout, scaling, state wiring) shows up as differences of order 0.1 or more.
    /// A NaN anywhere is reported as the worst difference.
    /// </summary>
    /// <param name="expected">[windows.Count, H, Q].</param>
    /// <param name="actual">[windows.Count, H, Q].</param>
    /// <param name="windows">The windows both forecasts are for.</param>
    /// <param name="perWindow">H·Q.</param>
    public static (double Worst, int Index) MaxRelative(float[] expected, float[] actual, WindowSet windows, int perWindow)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(windows);
        var (worst, index) = (0.0, 0);
        for (var w = 0; w < windows.Count; w++)
        {
            var (_, scale) = WindowScaling.Compute(windows.Values.AsSpan(w * windows.Lookback, windows.Lookback));
            for (var i = w * perWindow; i < (w + 1) * perWindow; i++)
            {
                var difference = Math.Abs(actual[i] - (double)expected[i]) / Math.Max(Math.Abs(expected[i]), scale);
                if (!(difference <= worst))
                {
                    (worst, index) = (double.IsNaN(difference) ? double.PositiveInfinity : difference, i);
                }
            }
        }

        return (worst, index);
    }
}
