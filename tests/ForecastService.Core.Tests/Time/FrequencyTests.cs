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
    [InlineData("1q", FrequencyUnit.Quarter, 1)]
    [InlineData("1y", FrequencyUnit.Year, 1)]
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
    [InlineData("2q")]
    [InlineData("2Y")]
    [InlineData("m")]
    [InlineData("hourlyy")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(Frequency.TryParse(text, out _));
    }

    // The names issue 12 lists as the ones people write, each with the canonical form it must mean.
    [Theory]
    [InlineData("30min", "30min")]
    [InlineData("30T", "30min")]
    [InlineData("H", "1h")]
    [InlineData("h", "1h")]
    [InlineData("hourly", "1h")]
    [InlineData("D", "1d")]
    [InlineData("daily", "1d")]
    [InlineData("B", "1bd")]
    [InlineData("business-daily", "1bd")]
    [InlineData("W", "1w")]
    [InlineData("weekly", "1w")]
    [InlineData("M", "1mo")]
    [InlineData("MS", "1mo")]
    [InlineData("monthly", "1mo")]
    [InlineData("Q", "1q")]
    [InlineData("QS", "1q")]
    [InlineData("quarterly", "1q")]
    [InlineData("Y", "1y")]
    [InlineData("A", "1y")]
    [InlineData("yearly", "1y")]
    [InlineData("Monthly", "1mo")]
    [InlineData("15T", "15min")]
    [InlineData("2H", "2h")]
    public void Parse_Alias_IsItsCanonicalForm(string alias, string canonical)
    {
        Assert.Equal(canonical, Frequency.Parse(alias).ToString());
    }

    [Fact]
    public void Parse_UnknownName_ListsAcceptedForms()
    {
        var error = Assert.Throws<FormatException>(() => Frequency.Parse("fortnightly"));

        Assert.Contains("'fortnightly'", error.Message, StringComparison.Ordinal);
        foreach (var accepted in new[] { "30min", "30T", "hourly", "daily", "1bd", "business-daily", "weekly", "MS", "monthly", "QS", "quarterly", "A", "yearly" })
        {
            Assert.Contains(accepted, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Advance_Quarter_StepsThreeMonths()
    {
        var start = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero);

        var quarterly = Frequency.Parse("1q");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), quarterly.Advance(start));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), quarterly.Advance(start, 3));
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), quarterly.Advance(start, -2));
    }

    [Fact]
    public void Advance_Year_KeepsDayOfYearAndOffset()
    {
        var start = new DateTimeOffset(2023, 12, 31, 0, 0, 0, TimeSpan.FromHours(-5));

        var next = Frequency.Parse("1y").Advance(start, 2);

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.FromHours(-5)), next);
    }

    [Fact]
    public void Infer_QuarterStarts_ReturnsQuarterly()
    {
        var start = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var timestamps = Enumerable.Range(0, 40).Select(i => start.AddMonths(3 * i)).ToList();

        Assert.Equal(Frequency.Parse("1q"), Frequency.Infer(timestamps));
    }

    [Fact]
    public void Infer_YearStarts_ReturnsYearly()
    {
        var start = new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var timestamps = Enumerable.Range(0, 30).Select(i => start.AddYears(i)).ToList();

        Assert.Equal(Frequency.Parse("1y"), Frequency.Infer(timestamps));
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
    [InlineData("1q", 4)]
    [InlineData("1y", 1)]
    public void DefaultSeasonality_KnownFrequencies_IsOneCycle(string text, int expected)
    {
        Assert.Equal(expected, Frequency.Parse(text).DefaultSeasonality);
    }
}
