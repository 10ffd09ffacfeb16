using ForecastService.Core.Models;

namespace ForecastService.Core.Tests.Models;

public sealed class StreamScalingTests
{
    [Fact]
    public void Compute_Window_MeanAndFlooredPopulationStd()
    {
        // Mean 5, population variance (9+1+1+1+0+0+4+16)/8 = 4, so σ = 2 (the sample std would be 2.138).
        float[] window = [2f, 4f, 4f, 4f, 5f, 5f, 7f, 9f];

        var scale = StreamScaling.Compute(window);

        Assert.Equal(5f, scale.Mean, 1e-6f);
        Assert.Equal(2 + (1e-3 * (5 + 1e-3)), scale.Spread, 1e-6);
    }

    [Fact]
    public void Compute_NegativeLevel_FloorUsesAbsoluteMean()
    {
        float[] window = [-101f, -99f];

        var scale = StreamScaling.Compute(window);

        Assert.Equal(-100f, scale.Mean, 1e-5f);
        Assert.Equal(1 + (1e-3 * (100 + 1e-3)), scale.Spread, 1e-5);
    }

    [Theory]
    [InlineData(0f, 1e-6)]
    [InlineData(12345f, 12.345001)]
    [InlineData(-3e-4f, 1.3e-6)]
    public void Compute_ConstantWindow_SpreadIsTheFloor(float level, double expectedSpread)
    {
        var scale = StreamScaling.Compute(Enumerable.Repeat(level, 20).ToArray());

        Assert.Equal(level, scale.Mean);
        Assert.True(scale.Spread > 0);
        Assert.Equal(expectedSpread, scale.Spread, expectedSpread * 1e-5);
    }

    [Fact]
    public void Compute_LargeLevel_AccurateWhereANaiveFloatSumIsNot()
    {
        // 1e6 + small wiggles: a float running sum loses the wiggles; the double computation keeps σ exact.
        var window = Enumerable.Range(0, 336).Select(i => 1_000_000f + ((i % 2 == 0) ? 0.5f : -0.5f)).ToArray();

        var scale = StreamScaling.Compute(window);

        Assert.Equal(1_000_000f, scale.Mean);
        Assert.Equal(0.5 + (1e-3 * (1_000_000 + 1e-3)), scale.Spread, 1e-3);
    }

    [Fact]
    public void Compute_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => StreamScaling.Compute([]));
    }

    [Theory]
    [InlineData(56)]
    [InlineData(336)]
    [InlineData(1)]
    public void MaxMagnitude_WorstWindowAtTheBound_StaysFiniteInFloat32WhereThreeTimesItOverflows(int lookback)
    {
        // The graph's own float32 steps (ReduceMean, Sub, Mul, ReduceMean, Sqrt) on the window of largest variance
        // within ±bound: half at +bound, half at −bound.
        var bound = (float)StreamScaling.MaxMagnitude(lookback);
        var atBound = GraphScaling([.. Enumerable.Range(0, lookback).Select(i => i % 2 == 0 ? bound : -bound)]);
        var thrice = GraphScaling([.. Enumerable.Range(0, Math.Max(2, lookback)).Select(i => i % 2 == 0 ? 3 * bound : -3 * bound)]);

        Assert.True(float.IsFinite(atBound.Mean) && float.IsFinite(atBound.Spread), $"{atBound}");
        Assert.True(atBound.Spread < float.MaxValue / 4);
        Assert.False(float.IsFinite(thrice.Spread), $"{thrice}");
    }

    [Fact]
    public void MaxMagnitude_Lookback56_RefusesIssue15sValuesAndKeepsSmallerOnes()
    {
        // Issue 15: 56 values cycling 0, 1e19, 2e19 overflowed sensor-river's scaling; 0, 1e18, 2e18 did not quite.
        var bound = StreamScaling.MaxMagnitude(56);

        Assert.InRange(bound, 1e18, 2e18);
        Assert.False(float.IsFinite(GraphScaling([.. Enumerable.Range(0, 56).Select(i => (float)(i % 3 * 1e19))]).Spread));
    }

    private static StreamScale GraphScaling(float[] window)
    {
        var sum = 0f;
        foreach (var v in window)
        {
            sum += v;
        }

        var mean = sum / window.Length;
        var squares = 0f;
        foreach (var v in window)
        {
            var d = v - mean;
            squares += d * d;
        }

        var std = MathF.Sqrt(squares / window.Length);
        return new StreamScale(mean, std + (StreamScaling.Floor * (MathF.Abs(mean) + StreamScaling.Floor)));
    }
}
