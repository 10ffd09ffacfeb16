namespace ForecastService.Trainer.Nn;

/// <summary>
/// Keeps quantiles from crossing: per horizon step the head's Q raw values a become q₀ = a₀ and
/// q_k = q_{k−1} + softplus(a_k), so no q_k is below q_{k−1} (strictly above in exact arithmetic). In ONNX: Softplus on a₁…, then CumSum.
/// </summary>
internal static class QuantileTransform
{
    public static void Forward(ReadOnlySpan<float> a, Span<float> q)
    {
        var acc = a[0];
        q[0] = acc;
        for (var k = 1; k < a.Length; k++)
        {
            acc += Softplus(a[k]);
            q[k] = acc;
        }
    }

    /// <summary>da_j = (Σ_{k≥j} dq_k)·σ(a_j) for j ≥ 1 and da₀ = Σ_k dq_k.</summary>
    public static void Backward(ReadOnlySpan<float> a, ReadOnlySpan<float> dq, Span<float> da)
    {
        var suffix = 0f;
        for (var k = a.Length - 1; k >= 1; k--)
        {
            suffix += dq[k];
            da[k] = suffix * Sigmoid(a[k]);
        }

        da[0] = suffix + dq[0];
    }

    /// <summary>log(1 + eˣ) without overflow for large x or loss of precision for very negative x.</summary>
    public static float Softplus(float x) => x > 0 ? x + MathF.Log(1 + MathF.Exp(-x)) : MathF.Log(1 + MathF.Exp(x));

    /// <summary>The inverse of <see cref="Softplus"/> for y &gt; 0: log(eʸ − 1).</summary>
    public static float InverseSoftplus(float y) => y > 20 ? y : MathF.Log(MathF.Exp(y) - 1);

    public static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));
}
