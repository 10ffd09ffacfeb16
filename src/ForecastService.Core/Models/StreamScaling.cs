namespace ForecastService.Core.Models;

/// <summary>
/// The canonical per-window scaling, the same the window model computes inside its graph: a window x of L values
/// gets mean m = Σx/L, population standard deviation σ = √(Σ(x−m)²/L) and spread s = σ + 1e-3·(|m| + 1e-3).
/// The service freezes it when a stream is warmed and feeds it to the step model, so a stream warmed on a window
/// reproduces the window model's forecast for it; the trainer's scaling delegates here so the two cannot drift.
/// </summary>
/// <remarks>
/// The floor keeps s positive for constant windows and is proportional to the level, so it is negligible next to any
/// real variation at any scale; the absolute 1e-6 that remains covers an all-zero window. Computed in double so the
/// C# value is the accurate reference (the graph's float computation agrees to about 1e-7 relative).
/// </remarks>
public static class StreamScaling
{
    /// <summary>Floor coefficient: s = σ + <see cref="Floor"/>·(|m| + <see cref="Floor"/>).</summary>
    public const float Floor = 1e-3f;

    /// <summary>
    /// The largest magnitude a value may have for a model of <paramref name="lookback"/>: √(float.MaxValue / (4 ×
    /// lookback)), about 1.2e18 for a lookback of 56 and 5e17 for 336.
    /// </summary>
    /// <remarks>
    /// The window model computes this scaling in 32-bit floats inside its graph. With every value within ±B, each
    /// deviation from the mean is within 2B and the sum of squared deviations at most lookback × B² (the variance of
    /// values in [−B, B] is at most B²), so at B = √(float.MaxValue / (4 × lookback)) every intermediate stays a
    /// quarter of float.MaxValue or less, and the forecast mean + spread × q stays finite. A value the scaling would
    /// square past float.MaxValue (1e19 over 56 points, issue 15) made the model answer Infinity/NaN; bounding the
    /// input is the one place that covers the window model, the step model and every endpoint that runs them.
    /// </remarks>
    public static double MaxMagnitude(int lookback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        return Math.Sqrt(float.MaxValue / (4.0 * lookback));
    }

    /// <summary>Mean and spread of <paramref name="window"/> (pass exactly the lookback points the model sees).</summary>
    /// <exception cref="ArgumentException">The window is empty.</exception>
    public static StreamScale Compute(ReadOnlySpan<float> window)
    {
        if (window.IsEmpty)
        {
            throw new ArgumentException("A scaling needs at least one value.", nameof(window));
        }

        double sum = 0;
        foreach (var v in window)
        {
            sum += v;
        }

        var mean = sum / window.Length;
        double squares = 0;
        foreach (var v in window)
        {
            var d = v - mean;
            squares += d * d;
        }

        var std = Math.Sqrt(squares / window.Length);
        var spread = std + (Floor * (Math.Abs(mean) + Floor));
        return new StreamScale((float)mean, (float)spread);
    }
}
