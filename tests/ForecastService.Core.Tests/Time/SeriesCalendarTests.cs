using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Time;

public sealed class SeriesCalendarTests
{
    private static readonly Frequency HalfHour = Frequency.Parse("30min");

    [Fact]
    public void Next_BusinessDaysOnFriday_IsMonday()
    {
        var friday = new DateTimeOffset(2001, 9, 7, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2001, 9, 10, 0, 0, 0, TimeSpan.Zero), SeriesCalendar.BusinessDays().Next(friday));
    }

    [Fact]
    public void Measure_BusinessDaysOverSeptember2001Closure_IsFourClosedDaysNoneMissing()
    {
        // NYSE closed Tuesday 11 to Friday 14 September 2001: Monday the 10th is followed by Monday the 17th.
        var calendar = SeriesCalendar.BusinessDays();
        var before = new DateTimeOffset(2001, 9, 10, 0, 0, 0, TimeSpan.Zero);
        var after = new DateTimeOffset(2001, 9, 17, 0, 0, 0, TimeSpan.Zero);

        Assert.True(calendar.Follows(before, after));
        Assert.Equal(new CalendarGap(true, 0, 4), calendar.Measure(before, after));
    }

    [Fact]
    public void Measure_BusinessDaysClosedLongerThanAllowed_AllMissing()
    {
        var calendar = SeriesCalendar.BusinessDays(maxClosedDays: 5);
        var before = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var after = new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.Zero);

        // Tue 3 .. Wed 11 are seven weekdays: more than a week of closure is a stretch of missing readings.
        Assert.False(calendar.Follows(before, after));
        Assert.Equal(new CalendarGap(true, 7, 0), calendar.Measure(before, after));
    }

    [Fact]
    public void Contains_BusinessDaysSaturday_False()
    {
        Assert.False(SeriesCalendar.BusinessDays().Contains(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Next_NoLeapDailyOn28FebruaryOfLeapYear_Is1March()
    {
        var calendar = SeriesCalendar.NoLeap(Frequency.Parse("1d"));

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), calendar.Next(new DateTimeOffset(2024, 2, 28, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), calendar.Next(new DateTimeOffset(2023, 2, 28, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero), calendar.Advance(new DateTimeOffset(2024, 2, 27, 0, 0, 0, TimeSpan.Zero), 3));
    }

    [Fact]
    public void Next_NoLeapHourlyAtTheEndOf28February_SkipsAllOf29February()
    {
        var calendar = SeriesCalendar.NoLeap(Frequency.Parse("1h"));
        var last = new DateTimeOffset(2024, 2, 28, 23, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), calendar.Next(last));
        Assert.False(calendar.Contains(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero)));
        Assert.True(calendar.Follows(last, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Measure_NoLeapDayMissingOn1March_OneMissingReading()
    {
        var calendar = SeriesCalendar.NoLeap(Frequency.Parse("1d"));

        Assert.Equal(new CalendarGap(true, 1, 0), calendar.Measure(new DateTimeOffset(2024, 2, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("1w")]
    [InlineData("1mo")]
    public void Create_NoLeapWithWeeksOrLonger_RefusedNamingTheFrequency(string frequency)
    {
        var error = Assert.Throws<FormatException>(() => SeriesCalendar.Create(Frequency.Parse(frequency), SeriesCalendar.NoLeapKind, null, null));

        Assert.Contains("minutes, hours or days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_SessionsAtFridayClose_IsSundayOpen()
    {
        var calendar = SeriesCalendar.LearnSessions(HalfHour, FxWeek(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero)));
        var lastFriday = new DateTimeOffset(2026, 3, 13, 21, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 15, 22, 0, 0, TimeSpan.Zero), calendar.Next(lastFriday));
        Assert.Equal(lastFriday, calendar.Next(lastFriday.AddMinutes(-30)));
    }

    [Fact]
    public void Slots_LearnedFromFxWeek_AreSundayEveningToFridayEvening()
    {
        var calendar = SeriesCalendar.LearnSessions(HalfHour, FxWeek(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero)));

        Assert.Equal(
            ["Mon 00:00-23:30", "Tue 00:00-23:30", "Wed 00:00-23:30", "Thu 00:00-23:30", "Fri 00:00-21:30", "Sun 22:00-23:30"],
            calendar.Slots);
    }

    [Fact]
    public void Sessions_SlotsWrittenAndReadBack_SameCalendar()
    {
        var learned = SeriesCalendar.LearnSessions(HalfHour, FxWeek(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero)));

        var read = SeriesCalendar.Create(HalfHour, SeriesCalendar.SessionsKind, null, learned.Slots);

        Assert.Equal(learned.Slots, read.Slots);
        var sunday = new DateTimeOffset(2026, 3, 8, 21, 30, 0, TimeSpan.Zero);
        Assert.False(read.Contains(sunday));
        Assert.True(read.Contains(sunday.AddMinutes(30)));
    }

    [Fact]
    public void Measure_SessionsSkippingAnOpenSlot_OneMissing()
    {
        // A sensor read 08:00-17:30 on weekdays; Tuesday 10:00 is absent although Tuesdays have it.
        var calendar = SeriesCalendar.Sessions(HalfHour, ["Mon 08:00-17:30", "Tue 08:00-17:30"]);
        var before = new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero);

        Assert.Equal(new CalendarGap(true, 1, 0), calendar.Measure(before, before.AddHours(1)));
        Assert.Equal(new CalendarGap(true, 0, 0), calendar.Measure(new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero)));
        Assert.False(calendar.Measure(before, before.AddMinutes(45)).OnCalendar);
    }

    [Fact]
    public void Advance_SessionsOverNight_CountsOnlySlots()
    {
        var calendar = SeriesCalendar.Sessions(Frequency.Parse("1h"), ["Mon 09:00-16:00", "Tue 09:00-16:00"]);
        var mondayClose = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.FromHours(1));

        // 16:00 Monday, then 09:00 and 10:00 Tuesday, in the timestamps' own offset.
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(1)), calendar.Advance(mondayClose, 3));
    }

    [Fact]
    public void Next_SessionsEveryStepOfAWeek_IsTheFirstOpenSlotStepByStep()
    {
        var calendar = SeriesCalendar.Sessions(Frequency.Parse("15min"), ["Mon 09:30-16:00", "Wed 00:00-03:45", "Sun 23:45-23:45"]);
        var monday = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(-4));

        for (var from = monday; from < monday.AddDays(7); from = from.AddMinutes(15))
        {
            var expected = from.AddMinutes(15);
            while (!calendar.Contains(expected))
            {
                expected = expected.AddMinutes(15);
            }

            Assert.Equal(expected, calendar.Next(from));
        }
    }

    [Fact]
    public void Next_OneMinuteSlotOncePerWeek_IsAWeekLater()
    {
        var calendar = SeriesCalendar.Sessions(Frequency.Parse("1min"), ["Thu 12:00-12:00"]);
        var thursdayNoon = new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(thursdayNoon.AddDays(7), calendar.Next(thursdayNoon));
        Assert.Equal(thursdayNoon.AddDays(7 * 1000), calendar.Advance(thursdayNoon, 1000));
    }

    [Fact]
    public void Next_SessionsFromOffTheGrid_ArgumentException()
    {
        var calendar = SeriesCalendar.Sessions(HalfHour, ["Mon 09:00-17:00"]);

        Assert.Throws<ArgumentException>(() => calendar.Next(new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("Mon 9:30-15:30")]
    [InlineData("Monday 09:30-15:30")]
    [InlineData("Mon 09:30")]
    [InlineData("Mon 15:30-09:30")]
    [InlineData("Mon 09:30-15:45")]
    public void Sessions_MalformedSlot_FormatException(string slot)
    {
        Assert.Throws<FormatException>(() => SeriesCalendar.Sessions(HalfHour, [slot]));
    }

    [Theory]
    [InlineData("1d", "sessions")]
    [InlineData("1h", "business-days")]
    [InlineData("1h", "holidays")]
    public void Create_KindThatDoesNotFit_FormatException(string frequency, string kind)
    {
        Assert.Throws<FormatException>(() => SeriesCalendar.Create(Frequency.Parse(frequency), kind, null, ["Mon 09:00-16:00"]));
    }

    [Fact]
    public void Create_NoKind_IsRegularAndStepsLikeTheFrequency()
    {
        var monthly = Frequency.Parse("1mo");
        var calendar = SeriesCalendar.Create(monthly, null, null, null);
        var january31 = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.True(calendar.IsRegular);
        Assert.Equal(monthly.Advance(january31, 2), calendar.Advance(january31, 2));
        Assert.Equal(monthly.Advance(january31), calendar.Next(january31));
    }

    /// <summary>Two weeks of FX half-hours: Sunday 22:00 to Friday 21:30 UTC, then the weekend break.</summary>
    private static IEnumerable<DateTimeOffset> FxWeek(DateTimeOffset sundayOpen)
    {
        for (var t = sundayOpen; t < sundayOpen.AddDays(14); t = t.AddMinutes(30))
        {
            var closed = (t.DayOfWeek == DayOfWeek.Friday && t.Hour >= 22) || t.DayOfWeek == DayOfWeek.Saturday || (t.DayOfWeek == DayOfWeek.Sunday && t.Hour < 22);
            if (!closed)
            {
                yield return t;
            }
        }
    }
}
