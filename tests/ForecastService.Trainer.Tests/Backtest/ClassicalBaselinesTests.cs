using ForecastService.Trainer.Backtesting;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Tests.Backtesting;

public sealed class ClassicalBaselinesTests
{
    [Fact]
    public void Score_OwnSeries_HandComputedNaiveAndSeasonalNaive()
    {
        // Rows 1, 3, 2, 4, 6, 5, 9, 7 with H = 2, K = 2, m = 2: origin 1 sees 1, 3, 2, 4; origin 2 also 6, 5.
        var series = BacktestSeriesFactory.Daily([1, 3, 2, 4, 6, 5, 9, 7], horizon: 2, origins: 2, seasonality: 2);

        var table = ClassicalBaselines.Score([new BacktestSource("s", () => series)]);

        // Lag-2 scales: |2 − 1|, |4 − 3| -> 1; with |6 − 2|, |5 − 4| -> 7/4.
        // Naive: 4, 4 against 6, 5 (errors 2, 1); 5, 5 against 9, 7 (errors 4, 2).
        Assert.Equal(["naive", "snaive"], table.Methods);
        Assert.Equal((1.5 + (3 / 1.75)) / 2, table.Mase("s", "naive"), 12);

        // Seasonal naive: 2, 4 against 6, 5 (errors 4, 1); 6, 5 against 9, 7 (errors 3, 2).
        Assert.Equal((2.5 + (2.5 / 1.75)) / 2, table.Mase("s", "snaive"), 12);
    }

    [Fact]
    public void Score_UnreadableSeries_LeftOut()
    {
        var table = ClassicalBaselines.Score([new BacktestSource("broken", () => throw new DataFileException("x.csv", null, "file not found"))]);

        Assert.True(double.IsNaN(table.Mase("broken", "naive")));
    }
}
