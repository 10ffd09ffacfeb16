using System.Globalization;
using System.Text;
using ForecastService.Core.Time;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Tests.Data;

public sealed class SeriesLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_SingleSeriesFile_InfersFrequencyAndReadsValues()
    {
        var path = _temp.Write("load.csv", "timestamp,value\n2000-06-05T00:00:00,1.5\n2000-06-05T00:30:00,2\n2000-06-05T01:00:00,-3e1\n");

        var data = SeriesLoader.Load([path]);

        Assert.Equal("30min", data.Frequency.ToString());
        var series = Assert.Single(data.Series);
        Assert.Equal("load", series.Id);
        Assert.Equal([1.5, 2.0, -30.0], series.Values);
        Assert.Equal(new DateTimeOffset(2000, 6, 5, 1, 0, 0, TimeSpan.Zero), series.Timestamps[2]);
        Assert.Equal(3, data.Files[0].Rows);
        Assert.Equal(64, data.Files[0].Sha256.Length);
    }

    [Fact]
    public void Load_LongFormatInterleaved_GroupsBySeries()
    {
        var path = _temp.Write("long.csv", "series_id,timestamp,value\na,2020-01-01,1\nb,2020-01-01,10\na,2020-01-02,2\nb,2020-01-02,20\n");

        var data = SeriesLoader.Load([path]);

        Assert.Equal(["a", "b"], data.Series.Select(s => s.Id));
        Assert.Equal([10.0, 20.0], data.Series[1].Values);
        Assert.Equal(FrequencyUnit.Day, data.Frequency.Unit);
    }

    [Theory]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,abc\n", 3, "value 'abc' is not a number")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,\n", 3, "empty value")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,NaN\n", 3, "not a finite number")]
    [InlineData("timestamp,value\n2020-01-01,1\n01/02/2020,2\n", 3, "timestamp '01/02/2020' is not ISO-8601")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-01,2\n", 3, "duplicate timestamp 2020-01-01T00:00:00Z in series 'bad' (also on line 2)")]
    [InlineData("timestamp,value\n2020-01-02,1\n2020-01-01,2\n", 3, "rows are not sorted")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,2,3\n", 3, "expected 2 columns")]
    [InlineData("time,val\n2020-01-01,1\n", 1, "the header must be")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n2020-01-05,5\n", 5, "gap of 1 missing step(s) in series 'bad' between 2020-01-03T00:00:00Z (line 4) and 2020-01-05T00:00:00Z")]
    [InlineData("timestamp,value\n2020-01-01T00:00,1\n2020-01-01T01:00,2\n2020-01-01T02:00,3\n2020-01-01T02:30,4\n", 5, "not on the 1h grid")]
    public void Load_BadRow_NamesFileLineAndProblem(string content, int line, string problem)
    {
        var path = _temp.Write("bad.csv", content);

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path]));

        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{path}, line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_NamesFile()
    {
        var path = _temp.Write("empty.csv", string.Empty);

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path]));

        Assert.Null(error.Line);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MixedFrequencies_NamesBothSeries()
    {
        var path = _temp.Write("mixed.csv", "series_id,timestamp,value\nh,2020-01-01T00:00,1\nh,2020-01-01T01:00,2\nd,2020-01-01,1\nd,2020-01-02,2\n");

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path]));

        Assert.Equal(4, error.Line);
        Assert.Contains("series 'd' has frequency 1d, but series 'h'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameSeriesInTwoFiles_Refused()
    {
        var first = _temp.Write("one.csv", "series_id,timestamp,value\nx,2020-01-01,1\nx,2020-01-02,2\n");
        var second = _temp.Write("two.csv", "series_id,timestamp,value\nx,2020-02-01,1\nx,2020-02-02,2\n");

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([first, second]));

        Assert.Equal(second, error.File);
        Assert.Contains("also appears in", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GapWithinFillLimit_InterpolatesLinearly()
    {
        var path = _temp.Write("gap.csv", "timestamp,value\n2020-01-01,1\n2020-01-02,2\n2020-01-05,8\n2020-01-06,9\n");

        var data = SeriesLoader.Load([path], maxFilledGap: 2);

        var series = Assert.Single(data.Series);
        Assert.Equal([1.0, 2.0, 4.0, 6.0, 8.0, 9.0], series.Values);
        Assert.Equal(new DateTimeOffset(2020, 1, 3, 0, 0, 0, TimeSpan.Zero), series.Timestamps[2]);
        Assert.Equal(2, series.FilledSteps);
    }

    [Fact]
    public void Load_GapBeyondFillLimit_Refused()
    {
        var path = _temp.Write("gap.csv", "timestamp,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,2\n2020-01-07,8\n");

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path], maxFilledGap: 2));

        Assert.Equal(5, error.Line);
        Assert.Contains("gap of 3 missing step(s)", error.Problem, StringComparison.Ordinal);
        Assert.Contains("--fill-gaps 2 fills at most 2", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DailyWithoutEveryLeapDayOfTwo_InfersNoLeapCalendar()
    {
        var path = _temp.Write("noleap.csv", Daily(new DateTime(1983, 6, 1), new DateTime(1988, 6, 1), day => !(day.Month == 2 && day.Day == 29)));

        var data = SeriesLoader.Load([path]);

        Assert.Equal(SeriesCalendar.NoLeapKind, data.Calendar.Kind);
        Assert.Equal(365 * 5, data.Series[0].Length); // five years of 365 days: 1984 and 1988 lost their 29 February
        Assert.Equal(0, data.Series[0].FilledSteps);
    }

    [Fact]
    public void Load_DailyWithOneLeapDayAbsent_MissingReadingWithNoLeapHint()
    {
        // One absent 29 February may be a lost reading: not enough to infer a 365-day year.
        var path = _temp.Write("one.csv", Daily(new DateTime(2024, 1, 1), new DateTime(2024, 6, 1), day => !(day.Month == 2 && day.Day == 29)));

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path]));

        Assert.Contains("gap of 1 missing step(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("--calendar noleap", error.Message, StringComparison.Ordinal);
        Assert.Equal(SeriesCalendar.NoLeapKind, SeriesLoader.Load([path], 0, null, SeriesCalendar.NoLeapKind).Calendar.Kind);
    }

    [Fact]
    public void Load_BusinessDays_SkipWeekendsWithoutGaps()
    {
        // Thursday, Friday, Monday, Tuesday, Wednesday.
        var path = _temp.Write("bd.csv", "timestamp,value\n2026-03-05,1\n2026-03-06,2\n2026-03-09,3\n2026-03-10,4\n2026-03-11,5\n");

        var data = SeriesLoader.Load([path]);

        Assert.Equal(FrequencyUnit.BusinessDay, data.Frequency.Unit);
        Assert.Equal(5, data.Series[0].Length);
    }

    [Fact]
    public void Load_ExpectedFrequencyDiffers_ReportsOffGridRow()
    {
        var path = _temp.Write("daily.csv", "timestamp,value\n2020-01-01,1\n2020-01-02,2\n");

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path], 0, Frequency.Parse("1w")));

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Load_BusinessDaysWithSeptember2001Closure_KeepsRowsAndCountsClosedDays()
    {
        // Thursday 6 .. Monday 10, then the exchange closed until Monday 17.
        var path = _temp.Write("bd.csv", "timestamp,value\n2001-09-06,1\n2001-09-07,2\n2001-09-10,3\n2001-09-17,4\n2001-09-18,5\n");

        var data = SeriesLoader.Load([path]);

        Assert.Equal(SeriesCalendar.BusinessDaysKind, data.Calendar.Kind);
        var series = Assert.Single(data.Series);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], series.Values);
        Assert.Equal((0, 4), (series.FilledSteps, series.ClosedSteps));
    }

    [Fact]
    public void Load_BusinessDaysAsRegularCalendar_HolidayIsAGap()
    {
        var path = _temp.Write("bd.csv", "timestamp,value\n2001-09-06,1\n2001-09-07,2\n2001-09-10,3\n2001-09-17,4\n2001-09-18,5\n");

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path], 0, null, SeriesCalendar.RegularKind));

        Assert.Contains("gap of 4 missing step(s)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BusinessDaysClosedTwoWeeks_IsMissingReadings()
    {
        var rows = new[] { "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-19", "2026-03-20" };
        var path = _temp.Write("bd.csv", "timestamp,value\n" + string.Concat(rows.Select((r, i) => $"{r},{i}\n")));

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path], 0, Frequency.Parse("B")));

        Assert.Equal(7, error.Line);
        Assert.Contains("gap of 8 missing step(s)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOnCalendar_ModelsCalendar_DecidesWhetherAHolidayIsAGap()
    {
        var path = _temp.Write("bd.csv", "timestamp,value\n2026-12-23,1\n2026-12-24,2\n2026-12-28,3\n2026-12-29,4\n");

        var onBusinessDays = SeriesLoader.LoadOnCalendar([path], 0, SeriesCalendar.BusinessDays());
        var error = Assert.Throws<DataFileException>(() => SeriesLoader.LoadOnCalendar([path], 0, SeriesCalendar.Regular(Frequency.Parse("1bd"))));

        Assert.Equal(1, Assert.Single(onBusinessDays.Series).ClosedSteps);
        Assert.Equal(4, error.Line);
        Assert.Contains("gap of 1 missing step(s)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SessionsWithWeekendBreak_LearnsSlotsAndSkipsTheBreak()
    {
        var path = _temp.Write("fx.csv", "timestamp,value\n" + string.Concat(SessionRows(skip: null).Select(r => $"{r}\n")));

        var data = SeriesLoader.Load([path], 0, null, SeriesCalendar.SessionsKind);

        Assert.Equal(Frequency.Parse("1h"), data.Frequency);
        Assert.Equal(["Mon 09:00-16:00", "Tue 09:00-16:00", "Wed 09:00-16:00", "Thu 09:00-16:00", "Fri 09:00-16:00"], data.Calendar.Slots);
        Assert.Equal(3 * 5 * 8, Assert.Single(data.Series).Length);
        Assert.Equal(0, data.Series[0].FilledSteps);
    }

    [Fact]
    public void Load_SessionsMissingAnOpenHour_GapErrorAndFillable()
    {
        // Wednesday of the second week lacks 11:00, an hour every other Wednesday has.
        var missing = new DateTime(2026, 3, 11, 11, 0, 0);
        var path = _temp.Write("fx.csv", "timestamp,value\n" + string.Concat(SessionRows(missing).Select(r => $"{r}\n")));

        var error = Assert.Throws<DataFileException>(() => SeriesLoader.Load([path], 0, null, SeriesCalendar.SessionsKind));
        var filled = SeriesLoader.Load([path], 1, null, SeriesCalendar.SessionsKind);

        Assert.Contains("gap of 1 missing step(s)", error.Problem, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(filled.Series).FilledSteps);
        Assert.Contains(new DateTimeOffset(missing, TimeSpan.Zero), filled.Series[0].Timestamps);
    }

    /// <summary>Three weeks of hourly readings 09:00–16:00 on weekdays, optionally without one of them.</summary>
    private static IEnumerable<string> SessionRows(DateTime? skip)
    {
        var monday = new DateTime(2026, 3, 2);
        for (var day = 0; day < 21; day++)
        {
            var date = monday.AddDays(day);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var hour = 9; hour <= 16; hour++)
            {
                var t = date.AddHours(hour);
                if (t != skip)
                {
                    yield return $"{t:yyyy-MM-dd'T'HH:mm},{day + (hour / 10.0)}";
                }
            }
        }
    }

    /// <summary>A daily CSV from <paramref name="from"/> up to <paramref name="to"/> (exclusive), the days <paramref name="keep"/> accepts.</summary>
    private static string Daily(DateTime from, DateTime to, Func<DateTime, bool> keep)
    {
        var csv = new StringBuilder("timestamp,value\n");
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (keep(day))
            {
                csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{day.DayOfYear}\n");
            }
        }

        return csv.ToString();
    }
}
