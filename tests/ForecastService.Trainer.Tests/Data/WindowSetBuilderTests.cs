using ForecastService.Core.Time;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Tests.Data;

public sealed class WindowSetBuilderTests
{
    [Fact]
    public void Build_TwoWindows_CopiesValuesTargetsAndTheirCovariates()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var features = CalendarFeatures.For(Frequency.Parse("1d"));
        var first = new TimeSeries("a", "f.csv", [.. Enumerable.Range(0, 10).Select(i => start.AddDays(i))], [.. Enumerable.Range(0, 10).Select(i => (double)i)], 0);
        var second = new TimeSeries("b", "f.csv", [.. Enumerable.Range(0, 8).Select(i => start.AddDays(i))], [.. Enumerable.Range(0, 8).Select(i => 100.0 + i)], 0);

        var set = new WindowSetBuilder([first, second], features).Build([new WindowOrigin(0, 5), new WindowOrigin(1, 3)], lookback: 3, horizon: 2);

        Assert.Equal(2, set.Count);
        Assert.Equal([2f, 3f, 4f, 100f, 101f, 102f], set.Values);
        Assert.Equal([5f, 6f, 103f, 104f], set.Targets);
        Assert.Equal([0, 1], set.SeriesIndex);

        // Second window's first future step is 2024-01-04; its covariates are those of that date.
        var c = features.Count;
        var expected = new float[c];
        features.Compute(start.AddDays(3), expected);
        Assert.Equal(expected, set.FutureCovariates.AsSpan(2 * c, c).ToArray());
        features.Compute(start.AddDays(2), expected);
        Assert.Equal(expected, set.PastCovariates.AsSpan(0, c).ToArray());
    }

    [Fact]
    public void Build_WindowPastSeriesEnd_Throws()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var series = new TimeSeries("a", "f.csv", [.. Enumerable.Range(0, 5).Select(i => start.AddDays(i))], [0, 1, 2, 3, 4], 0);

        var builder = new WindowSetBuilder([series], CalendarFeatures.For(Frequency.Parse("1d")));

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build([new WindowOrigin(0, 4)], 3, 2));
    }
}
