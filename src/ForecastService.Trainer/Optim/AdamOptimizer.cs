namespace ForecastService.Trainer.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba) with bias correction and optional decoupled weight decay (AdamW, Loshchilov &amp; Hutter):
/// θ ← θ − lr·(m̂/(√v̂ + ε) + λ·θ) where λ applies only to the parameters marked decayable.
/// </summary>
internal sealed class AdamOptimizer(int parameterCount, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
{
    private readonly float[] _m = new float[parameterCount];
    private readonly float[] _v = new float[parameterCount];
    private long _t;

    public long Steps => _t;

    /// <summary>Applies one step. <paramref name="decay"/>[i] is false for parameters exempt from weight decay.</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, float weightDecay, ReadOnlySpan<bool> decay)
    {
        _t++;
        var c1 = 1 - Math.Pow(beta1, _t);
        var c2 = 1 - Math.Pow(beta2, _t);
        var stepSize = (float)(learningRate / c1);
        var rootC2 = (float)Math.Sqrt(c2);
        var b1 = beta1;
        var b2 = beta2;
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i];
            var m = _m[i] = (b1 * _m[i]) + ((1 - b1) * g);
            var v = _v[i] = (b2 * _v[i]) + ((1 - b2) * g * g);
            var update = stepSize * m / ((MathF.Sqrt(v) / rootC2) + epsilon);
            if (weightDecay > 0 && decay[i])
            {
                update += learningRate * weightDecay * parameters[i];
            }

            parameters[i] -= update;
        }
    }
}
