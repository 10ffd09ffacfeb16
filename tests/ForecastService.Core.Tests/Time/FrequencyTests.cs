using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Time;

public sealed class FrequencyTests
{
    [Theory]
    [InlineData("10min", FrequencyUnit.Minute, 10)]
    [InlineData("30min", FrequencyUnit.Minute, 30)]
    [InlineData("1h", FrequencyUnit.Hour, 1)]
    [InlineData("1d", FrequencyUnit.Day, 1)]
    [InlineData("1bd", FrequencyUnit.BusinessDay, 1)]
    [InlineData("1w", FrequencyUnit.Week, 1)]
    [InlineData("1mo", FrequencyUnit.Month, 1)]
    public void Parse_ValidText_RoundTrips(string text, FrequencyUnit unit, int multiple)
    {
        var frequency = Frequency.Parse(text);

        Assert.Equal(unit, frequency.Unit);
        Assert.Equal(multiple, frequency.Multiple);
        Assert.Equal(text, frequency.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("min")]
    [InlineData("0h")]
    [InlineData("-1d")]
    [InlineData("2bd")]
    [InlineData("1 h")]
    [InlineData("1y")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(Frequency.TryParse(text, out _));
    }

    [Fact]
    public void Advance_BusinessDayOnFriday_SkipsWeekend()
    {
        var friday = new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero);

        var next = Frequency.Parse("1bd").Advance(friday);

        Assert.Equal(DayOfWeek.Monday, next.DayOfWeek);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Advance_Month_KeepsDayAndOffset()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2));

        var next = Frequency.Parse("1mo").Advance(start, 2);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(2)), next);
    }

    [Fact]
    public void Infer_HalfHourly_ReturnsThirtyMinutes()
    {
        var start = new DateTimeOffset(2000, 6, 5, 0, 0, 0, TimeSpan.Zero);
        var timestamps = Enumerable.Range(0, 100).Select(i => start.AddMinutes(30 * i)).ToList();

        Assert.Equal(Frequency.Parse("30min"), Frequency.Infer(timestamps));
    }

    [Fact]
    public void Infer_WeekdaysOnly_ReturnsBusinessDay()
    {
        var monday = new DateTimeOffset(1991, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var timestamps = Enumerable.Range(0, 30).Select(i => monday.AddDays((i / 5 * 7) + (i % 5))).ToList();

        Assert.Equal(Frequency.Parse("1bd"), Frequency.Infer(timestamps));
    }

    [Fact]
    public void Infer_EveryDay_ReturnsDaily()
    {
        var start = new DateTimeOffset(1972, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var timestamps = Enumerable.Range(0, 30).Select(i => start.AddDays(i)).ToList();

        Assert.Equal(Frequency.Parse("1d"), Frequency.Infer(timestamps));
    }

    [Fact]
    public void Infer_MonthStarts_ReturnsMonthly()
    {
        var start = new DateTimeOffset(1920, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var timestamps = Enumerable.Range(0, 24).Select(i => start.AddMonths(i)).ToList();

        Assert.Equal(Frequency.Parse("1mo"), Frequency.Infer(timestamps));
    }

    [Theory]
    [InlineData("30min", 48)]
    [InlineData("10min", 144)]
    [InlineData("1h", 24)]
    [InlineData("1d", 7)]
    [InlineData("1bd", 1)]
    [InlineData("1mo", 12)]
    public void DefaultSeasonality_KnownFrequencies_IsOneCycle(string text, int expected)
    {
        Assert.Equal(expected, Frequency.Parse(text).DefaultSeasonality);
    }
}
