using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Tests.Nn;

public class HeadMathTests
{
    [Fact]
    public void QuantileTransformBackward_RandomInputs_MatchesFiniteDifferences()
    {
        var rng = new Random(1);
        var a = Enumerable.Range(0, 6).Select(_ => (float)((rng.NextDouble() * 6) - 3)).ToArray();
        var w = Enumerable.Range(0, 6).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
        var q = new float[6];
        double Objective()
        {
            QuantileTransform.Forward(a, q);
            return q.Select((v, k) => (double)v * w[k]).Sum();
        }

        var da = new float[6];
        QuantileTransform.Backward(a, w, da);

        for (var j = 0; j < a.Length; j++)
        {
            var saved = a[j];
            a[j] = saved + 1e-3f;
            var plus = Objective();
            a[j] = saved - 1e-3f;
            var minus = Objective();
            a[j] = saved;
            Assert.Equal((plus - minus) / 2e-3, da[j], 2e-3);
        }
    }

    [Fact]
    public void QuantileTransformForward_AnyRawValues_NeverCross()
    {
        float[] a = [5f, -30f, 0f, 40f, -2f];
        var q = new float[5];

        QuantileTransform.Forward(a, q);

        Assert.Equal(5f, q[0]);
        for (var k = 1; k < q.Length; k++)
        {
            // softplus(−30) ≈ 1e-13 vanishes next to 5 in float: the guarantee is q_k ≥ q_{k−1}, strict in exact arithmetic.
            Assert.True(q[k] >= q[k - 1], $"q[{k}] = {q[k]} is below q[{k - 1}] = {q[k - 1]}.");
            Assert.Equal(q[k - 1] + Math.Log(1 + Math.Exp(a[k])), q[k], 1e-4);
        }
    }

    [Theory]
    [InlineData(0.9f, 1f, 0f, 0.9f, -0.9f)]
    [InlineData(0.9f, 0f, 1f, 0.1f, 0.1f)]
    [InlineData(0.25f, 3f, 1f, 0.5f, -0.25f)]
    [InlineData(0.25f, -1f, 1f, 1.5f, 0.75f)]
    public void PinballLoss_KnownPoints_ValueAndSlope(float tau, float y, float q, float loss, float slope)
    {
        Assert.Equal(loss, PinballLoss.Value(y, q, tau), 1e-6f);
        Assert.Equal(slope, PinballLoss.Gradient(y, q, tau), 1e-6f);
        var numeric = (PinballLoss.Value(y, q + 1e-3f, tau) - PinballLoss.Value(y, q - 1e-3f, tau)) / 2e-3f;
        Assert.Equal(slope, numeric, 1e-3f);
    }

    [Fact]
    public void PinballLoss_SampleMinimizer_IsEmpiricalQuantile()
    {
        var sample = Enumerable.Range(1, 99).Select(v => (float)v).ToArray();
        var best = Enumerable.Range(1, 99).MinBy(c => sample.Sum(y => PinballLoss.Value(y, c, 0.8f)));
        Assert.InRange(best, 79, 80);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.05, -1.6448536269514722)]
    [InlineData(0.001, -3.090232306167813)]
    public void NormalQuantile_KnownLevels_MatchesTables(double p, double expected)
    {
        Assert.Equal(expected, NormalQuantile.Of(p), 1e-7);
    }
}
