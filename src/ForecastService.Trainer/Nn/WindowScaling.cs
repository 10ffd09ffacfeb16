using ForecastService.Core.Models;

namespace ForecastService.Trainer.Nn;

/// <summary>
/// Per-window scaling, done inside the model (and the exported graph) so one network serves series of any level.
/// A window x of L values gets mean m = Σx/L, population standard deviation σ = √(Σ(x−m)²/L), and
/// scale s = σ + 1e-3·(|m| + 1e-3). The encoder sees z = (x − m)/s and outputs are de-normalized as m + s·q.
/// </summary>
/// <remarks>
/// The floor term keeps s positive for constant windows (z is then all zeros and the forecast is the level) and is
/// proportional to the level so that it is negligible next to any real variation at any scale; the absolute 1e-6
/// that remains covers an all-zero window. Multiplying a window by k > 0 multiplies its forecasts by k; adding a
/// constant shifts them exactly only while 1e-3·|m| is small next to σ (the floor grows with the level), and the floor
/// keeps float rounding of σ in the ONNX graph (about 1e-7·|m|) from reaching the z-scores of flat windows.
/// </remarks>
internal static class WindowScaling
{
    /// <summary>Relative floor coefficient: s = σ + <see cref="Floor"/>·(|m| + <see cref="Floor"/>).</summary>
    public const float Floor = StreamScaling.Floor;

    /// <summary>
    /// Mean and scale of one window: Core's <see cref="StreamScaling"/>, the one the service freezes for streams, so
    /// training, the exported graph and streaming share one definition.
    /// </summary>
    public static (float Mean, float Scale) Compute(ReadOnlySpan<float> x)
    {
        var (mean, spread) = StreamScaling.Compute(x);
        return (mean, spread);
    }

    /// <summary>
    /// Gradient of a loss with respect to the raw window x, given the loss's gradients with respect to the
    /// z-scores (<paramref name="dz"/>) and, through the de-normalization m + s·q, to the mean and the scale.
    /// Training does not need it (mean and scale depend on inputs only); it documents and tests the in-graph
    /// scaling's derivative and serves input-sensitivity analysis.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dz, float dMean, float dScale, Span<float> dx)
    {
        var n = x.Length;
        double sum = 0;
        foreach (var v in x)
        {
            sum += v;
        }

        var m = sum / n;
        double squares = 0;
        foreach (var v in x)
        {
            squares += (v - m) * (v - m);
        }

        var std = Math.Sqrt(squares / n);
        var s = std + (Floor * (Math.Abs(m) + Floor));
        double sumDz = 0;
        double sumDzZ = 0;
        for (var i = 0; i < n; i++)
        {
            sumDz += dz[i];
            sumDzZ += dz[i] * (x[i] - m) / s;
        }

        // s depends on x through σ and |m|; z_j = (x_j − m)/s depends on x through m and s.
        var dS = dScale - (sumDzZ / s);
        for (var i = 0; i < n; i++)
        {
            var dStd = std > 0 ? (x[i] - m) / (n * std) : 0;
            var dsdx = dStd + (Floor * Math.Sign(m) / n);
            dx[i] = (float)((dz[i] / s) - (sumDz / (n * s)) + (dS * dsdx) + (dMean / n));
        }
    }
}
