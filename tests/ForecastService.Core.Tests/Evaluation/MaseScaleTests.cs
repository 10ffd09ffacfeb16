using ForecastService.Core.Evaluation;

namespace ForecastService.Core.Tests.Evaluation;

public sealed class MaseScaleTests
{
    [Fact]
    public void Compute_Seasonality2_IsMeanAbsoluteLag2Difference()
    {
        // Differences y[t] - y[t-2]: 3-1=2, 2-4=-2, 7-3=4 -> mean |.| = 8/3.
        double[] history = [1, 4, 3, 2, 7];

        Assert.Equal(8.0 / 3.0, MaseScale.Compute(history, 2), 12);
    }

    [Fact]
    public void Compute_Seasonality1_IsMeanAbsoluteFirstDifference()
    {
        double[] history = [10, 12, 9, 9];

        Assert.Equal((2.0 + 3.0 + 0.0) / 3.0, MaseScale.Compute(history, 1), 12);
    }

    [Fact]
    public void Compute_HistoryNotLongerThanSeason_IsNaN()
    {
        Assert.True(double.IsNaN(MaseScale.Compute([1, 2, 3], 3)));
    }
}
