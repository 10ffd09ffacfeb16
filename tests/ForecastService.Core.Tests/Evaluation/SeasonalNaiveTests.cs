using ForecastService.Core.Evaluation;

namespace ForecastService.Core.Tests.Evaluation;

public sealed class SeasonalNaiveTests
{
    [Fact]
    public void Point_Seasonality3_RepeatsLastSeason()
    {
        double[] history = [0, 0, 1, 2, 3];

        var point = SeasonalNaive.Point(history, 5, 3);

        Assert.Equal([1.0, 2.0, 3.0, 1.0, 2.0], point);
    }

    [Fact]
    public void Point_Seasonality1_IsRandomWalk()
    {
        Assert.Equal([7.0, 7.0, 7.0], SeasonalNaive.Point([5, 6, 7], 3, 1));
    }

    [Fact]
    public void Quantiles_RandomWalk_AddsQuantilesOfDifferencesAtEachReach()
    {
        double[] history = [0, 1, 3, 2, 6];
        double[] levels = [0.0, 0.5, 1.0];

        var quantiles = SeasonalNaive.Quantiles(history, 2, 1, levels);

        // Step 1: lag-1 differences 1, 2, -1, 4 -> min -1, median 1.5, max 4, around the last value 6.
        // Step 2: lag-2 differences 3, 1, 3 -> min 1, median 3, max 3.
        Assert.Equal([5.0, 7.5, 10.0, 7.0, 9.0, 9.0], quantiles);
    }

    [Fact]
    public void Quantiles_ReachBeyondWindow_FallsBackToLongestReachWithTwoDifferences()
    {
        double[] history = [0, 2, 1, 5];

        // Step 3 would need lag-3 differences (only one); lag 2 gives 1 and 3.
        var quantiles = SeasonalNaive.Quantiles(history, 3, 1, [0.0, 1.0]);

        Assert.Equal(6.0, quantiles[4], 12);
        Assert.Equal(8.0, quantiles[5], 12);
    }

    [Fact]
    public void Point_HistoryShorterThanSeason_Throws()
    {
        Assert.Throws<ArgumentException>(() => SeasonalNaive.Point([1, 2], 1, 3));
    }
}
