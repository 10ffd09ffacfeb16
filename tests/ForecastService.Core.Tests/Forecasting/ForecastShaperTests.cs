using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Forecasting;

public sealed class ForecastShaperTests
{
    [Fact]
    public void Shape_ShorterHorizon_KeepsFirstStepsAndPairsLevelsWithQuantiles()
    {
        var model = new ModelSignature("m", 1, lookback: 1, horizon: 3, Frequency.Parse("1d"), [0.1, 0.5, 0.9]);
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var window = new SeriesWindow("a", [0f], [t], [t.AddDays(1), t.AddDays(2), t.AddDays(3)]);
        var plan = new ForecastPlan(2, [80.0], [window]);

        // [batch 1, horizon 3, quantiles 3]: value = 10 * step + quantile index.
        var output = ForecastOutput.FromRows(1, 3, 3, [0, 1, 2, 10, 11, 12, 20, 21, 22]);

        var forecast = Assert.Single(ForecastShaper.Shape(plan, model, output));

        Assert.Equal(["2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"], forecast.Timestamps);
        Assert.Equal([1f, 11f], forecast.Median.ToArray());
        Assert.Equal([0f, 10f], forecast.Quantiles["0.1"].ToArray());
        Assert.Equal([2f, 12f], forecast.Quantiles["0.9"].ToArray());
        var interval = Assert.Single(forecast.Intervals);
        Assert.Equal(80.0, interval.Level);
        Assert.Equal([0f, 10f], interval.Lower.ToArray());
        Assert.Equal([2f, 12f], interval.Upper.ToArray());
    }

    [Fact]
    public void Shape_MedianAndBounds_AreTheQuantileColumnsNotCopies()
    {
        var model = new ModelSignature("m", 1, lookback: 1, horizon: 2, Frequency.Parse("1d"), [0.1, 0.5, 0.9]);
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var window = new SeriesWindow("a", [0f], [t], [t.AddDays(1), t.AddDays(2)]);
        var output = ForecastOutput.FromRows(1, 2, 3, [0, 1, 2, 10, 11, 12]);

        var forecast = Assert.Single(ForecastShaper.Shape(new ForecastPlan(2, [80.0], [window]), model, output));

        // ReadOnlyMemory equality is identity (same array, start and length): one column each, shared.
        Assert.True(forecast.Median.Equals(forecast.Quantiles["0.5"]));
        Assert.True(forecast.Intervals[0].Lower.Equals(forecast.Quantiles["0.1"]));
        Assert.True(forecast.Intervals[0].Upper.Equals(forecast.Quantiles["0.9"]));
        Assert.True(forecast.Median.Equals(output.Column(0, 1)));
    }
}
