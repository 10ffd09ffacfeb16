using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Time;

public sealed class CalendarFeaturesTests
{
    [Fact]
    public void For_Intraday_HasTimeOfDayAndDayOfWeek()
    {
        var features = CalendarFeatures.For(Frequency.Parse("30min"));

        Assert.Equal(["time_of_day_sin", "time_of_day_cos", "day_of_week_sin", "day_of_week_cos"], features.Names);
    }

    [Fact]
    public void Compute_SixInTheMorningOnMonday_QuarterOfTheDay()
    {
        var features = CalendarFeatures.For(Frequency.Parse("1h"));
        var values = new float[features.Count];

        features.Compute(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), values);

        // 06:00 is a quarter of the day: sin(pi/2) = 1, cos = 0. Monday 06:00 is 0.25/7 of the week.
        Assert.Equal(1f, values[0], 5);
        Assert.Equal(0f, values[1], 5);
        Assert.Equal((float)Math.Sin(2 * Math.PI * 0.25 / 7), values[2], 5);
        Assert.Equal((float)Math.Cos(2 * Math.PI * 0.25 / 7), values[3], 5);
    }

    [Fact]
    public void Compute_UsesWallClockOfTheOffset()
    {
        var features = CalendarFeatures.For(Frequency.Parse("1h"));
        var local = new float[features.Count];
        var utc = new float[features.Count];

        features.Compute(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1)), local);
        features.Compute(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), utc);

        Assert.Equal(utc, local);
    }

    [Fact]
    public void Compute_Monthly_MarchIsTwoTwelfths()
    {
        var features = CalendarFeatures.For(Frequency.Parse("1mo"));
        var values = new float[features.Count];

        features.Compute(new DateTimeOffset(1920, 3, 1, 0, 0, 0, TimeSpan.Zero), values);

        Assert.Equal((float)Math.Sin(2 * Math.PI * 2 / 12), values[0], 5);
        Assert.Equal((float)Math.Cos(2 * Math.PI * 2 / 12), values[1], 5);
    }

    [Fact]
    public void Compute_ManyTimestamps_WritesRowMajor()
    {
        var features = CalendarFeatures.For(Frequency.Parse("1d"));
        var start = new DateTimeOffset(1972, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset[] timestamps = [start, start.AddDays(1), start.AddDays(2)];
        var all = new float[timestamps.Length * features.Count];
        var single = new float[features.Count];

        features.Compute(timestamps, all);
        features.Compute(timestamps[2], single);

        Assert.Equal(single, all[(2 * features.Count)..]);
    }

    [Fact]
    public void Compute_Quarterly_JulyIsHalfTheYear()
    {
        var features = CalendarFeatures.For(Frequency.Parse("1q"));
        var values = new float[features.Count];

        features.Compute(new DateTimeOffset(2001, 7, 1, 0, 0, 0, TimeSpan.Zero), values);

        Assert.Equal(["quarter_of_year_sin", "quarter_of_year_cos"], features.Names);
        Assert.Equal(0f, values[0], 5);
        Assert.Equal(-1f, values[1], 5);
    }

    [Fact]
    public void For_Yearly_HasNoCovariates()
    {
        Assert.Empty(CalendarFeatures.For(Frequency.Parse("1y")).Names);
    }
}
