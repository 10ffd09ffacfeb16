using ForecastService.Core.Evaluation;

namespace ForecastService.Core.Tests.Evaluation;

public sealed class ForecastAccuracyTests
{
    [Fact]
    public void ToMetrics_TwoWindows_MatchesHandComputedValues()
    {
        var accuracy = new ForecastAccuracy();

        // Window 1: errors 1 and 2, scale 2; sMAPE terms 200*1/21 and 200*2/22; both inside [lower, upper].
        accuracy.Add([10, 10], [11, 12], [9, 9], [12, 13], 2.0);

        // Window 2: errors 0 and 4, scale 4; sMAPE terms 0 and 200*4/(4+0); second actual outside its interval.
        accuracy.Add([5, 4], [5, 0], [4, 1], [6, 2], 4.0);

        var metrics = accuracy.ToMetrics();

        Assert.Equal(2, accuracy.Windows);
        Assert.Equal((0.5 + 1.0 + 0.0 + 1.0) / 4, metrics.Mase, 12);
        Assert.Equal(((200.0 / 21) + (400.0 / 22) + 0 + 200) / 4, metrics.Smape, 12);
        Assert.Equal(7.0 / 4, metrics.Mae, 12);
        Assert.Equal(3.0 / 4, metrics.Coverage80, 12);
        Assert.Equal((3.0 + 4.0 + 2.0 + 1.0) / 4, metrics.Width80, 12);
    }

    [Fact]
    public void ToMetrics_ZeroScaleWindow_LeftOutOfMaseOnly()
    {
        var accuracy = new ForecastAccuracy();
        accuracy.Add([1], [2], [0], [3], 0.0);
        accuracy.Add([1], [3], [0], [3], 4.0);

        var metrics = accuracy.ToMetrics();

        Assert.Equal(0.5, metrics.Mase, 12);
        Assert.Equal(1.5, metrics.Mae, 12);
    }

    [Fact]
    public void ToMetrics_BothZero_SmapeTermIsZero()
    {
        var accuracy = new ForecastAccuracy();
        accuracy.Add([0], [0], [0], [0], 1.0);

        Assert.Equal(0.0, accuracy.ToMetrics().Smape);
    }
}
