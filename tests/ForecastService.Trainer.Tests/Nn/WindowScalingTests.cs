using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Tests.Nn;

public class WindowScalingTests
{
    [Fact]
    public void Compute_Window_MeanAndFlooredPopulationStd()
    {
        float[] x = [2f, 4f, 4f, 4f, 5f, 5f, 7f, 9f];

        var (mean, scale) = WindowScaling.Compute(x);

        Assert.Equal(5f, mean, 1e-6f);
        Assert.Equal(2 + (1e-3 * (5 + 1e-3)), scale, 1e-6);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(12345f)]
    [InlineData(-3e-4f)]
    public void Compute_ConstantWindow_PositiveScale(float level)
    {
        var (mean, scale) = WindowScaling.Compute(Enumerable.Repeat(level, 20).ToArray());

        Assert.Equal(level, mean);
        Assert.True(scale > 0);
    }

    [Theory]
    [InlineData(0.5f, 1f)]
    [InlineData(-40f, 3f)]
    public void Backward_RandomWindow_MatchesFiniteDifferences(float level, float spread)
    {
        var rng = new Random(9);
        var x = Enumerable.Range(0, 7).Select(_ => level + (spread * (float)((rng.NextDouble() * 2) - 1))).ToArray();
        var dz = Enumerable.Range(0, 7).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
        const float DMean = 0.7f;
        const float DScale = -1.3f;

        // The scalar whose gradient Backward returns: Σ dz·z + dMean·m + dScale·s, computed in double.
        double Objective(float[] v)
        {
            var m = v.Average(e => (double)e);
            var s = Math.Sqrt(v.Average(e => (e - m) * (e - m))) + (1e-3 * (Math.Abs(m) + 1e-3));
            return v.Select((e, i) => dz[i] * (e - m) / s).Sum() + (DMean * m) + (DScale * s);
        }

        var dx = new float[7];
        WindowScaling.Backward(x, dz, DMean, DScale, dx);

        for (var i = 0; i < x.Length; i++)
        {
            var plus = (float[])x.Clone();
            var minus = (float[])x.Clone();
            var h = 1e-3f * spread;
            plus[i] += h;
            minus[i] -= h;
            var numeric = (Objective(plus) - Objective(minus)) / (plus[i] - minus[i]);
            Assert.Equal(numeric, dx[i], 1e-3 * (1 + Math.Abs(numeric)));
        }
    }
}
