using ForecastService.Trainer.Backtesting;

namespace ForecastService.Trainer.Tests.Backtesting;

public sealed class KitScorerTests
{
    [Fact]
    public void Score_SeasonalScale_UsesLagMOfVisibleRowsOnly()
    {
        // m = 2, H = 1, K = 1: visible rows 1..5 = 0, 10, 2, 14, 3; lag-2 differences 2, 4, 1 -> scale 7/3.
        // The forecast 4 misses the actual 1000 by 996; a scale taken over the actual too would be far larger.
        var series = BacktestSeriesFactory.Daily([0, 10, 2, 14, 3, 1000], horizon: 1, origins: 1, seasonality: 2);

        var score = KitScorer.Score(series, [new("s", 1, 1, 3, 4, 5)]);

        Assert.Equal(996 / (7.0 / 3), score.Mase, 9);
        Assert.Equal(0, score.Coverage80);
    }

    [Fact]
    public void Score_FlatHistory_FallsBackToScaleOne()
    {
        // Lag 1 and lag m differences are all 0, so the kit divides by 1.
        var series = BacktestSeriesFactory.Daily([5, 5, 5, 5, 8], horizon: 1, origins: 1, seasonality: 2);

        var score = KitScorer.Score(series, [new("s", 1, 1, 4, 5, 6)]);

        Assert.Equal(3, score.Mase, 12);
    }

    [Fact]
    public void Score_CrossingQuantiles_SortedBeforeScoring()
    {
        var series = BacktestSeriesFactory.Daily([1, 2, 3, 4, 6], horizon: 1, origins: 1);

        // q10 9 > q50 5 > q90 4: sorted to 4, 5, 9, so the point is 5 and 6 lies inside [4, 9].
        var score = KitScorer.Score(series, [new("s", 1, 1, 9, 5, 4)]);

        Assert.Equal(1, score.SortedRows);
        Assert.Equal(1.0, score.Mase, 12);
        Assert.Equal(1.0, score.Coverage80);
        Assert.Equal(5.0, score.Width80, 12);
    }

    [Theory]
    [InlineData(false, false, "1 of 2 (origin, step) rows missing")]
    [InlineData(true, false, "duplicate row for origin 1, step 1")]
    [InlineData(false, true, "non-finite forecast at origin 1, step 2")]
    public void Score_IncompleteRows_RefusedWithReason(bool duplicate, bool nonFinite, string reason)
    {
        var series = BacktestSeriesFactory.Daily([1, 2, 3, 4, 5], horizon: 2, origins: 1);
        var rows = new List<ForecastRow> { new("s", 1, 1, 1, 2, 3) };
        if (duplicate)
        {
            rows.Add(new("s", 1, 1, 1, 2, 3));
        }

        if (nonFinite)
        {
            rows.Add(new("s", 1, 2, 1, double.NaN, 3));
        }

        var error = Assert.Throws<ArgumentException>(() => KitScorer.Score(series, rows));

        Assert.StartsWith(reason, error.Message, StringComparison.Ordinal);
    }
}
