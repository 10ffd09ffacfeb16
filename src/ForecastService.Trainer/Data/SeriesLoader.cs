using System.Security.Cryptography;
using System.Text;
using ForecastService.Core.Time;

namespace ForecastService.Trainer.Data;

/// <summary>
/// Loads training or evaluation series from CSV files, infers their frequency, checks that every series shares it and
/// sits on its calendar (holidays and session breaks are kept as they are), and fills short runs of missing readings
/// by linear interpolation when allowed. Any problem is a
/// <see cref="DataFileException"/> naming the file and line.
/// </summary>
public static class SeriesLoader
{
    /// <param name="paths">CSV files, as the user named them (used in messages and in the card).</param>
    /// <param name="maxFilledGap">Longest run of missing readings to interpolate; 0 refuses every gap.</param>
    /// <param name="expected">The frequency the data must have, or null to infer it.</param>
    /// <param name="calendar">
    /// <see cref="SeriesCalendar.RegularKind"/>, <see cref="SeriesCalendar.BusinessDaysKind"/>,
    /// <see cref="SeriesCalendar.SessionsKind"/> (slots learned from the data) or <see cref="SeriesCalendar.NoLeapKind"/>,
    /// or null for the default: business days with holidays for <c>1bd</c>, no-leap for data that lacks every
    /// 29 February it spans (two at least), regular otherwise.
    /// </param>
    public static SeriesCollection Load(IReadOnlyList<string> paths, int maxFilledGap = 0, Frequency? expected = null, string? calendar = null)
    {
        var (raw, files) = Read(paths, maxFilledGap);
        var frequency = expected ?? InferCommon(raw);
        return Regularize(raw, files, ChooseCalendar(frequency, calendar, raw, string.Join(", ", paths)), maxFilledGap);
    }

    /// <summary>Loads data that must fit a model's calendar (and so its frequency), as the model's card gives it.</summary>
    public static SeriesCollection LoadOnCalendar(IReadOnlyList<string> paths, int maxFilledGap, SeriesCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var (raw, files) = Read(paths, maxFilledGap);
        return Regularize(raw, files, calendar, maxFilledGap);
    }

    private static (List<RawSeries> Raw, List<DataFileInfo> Files) Read(IReadOnlyList<string> paths, int maxFilledGap)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFilledGap);
        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one data file is needed.", nameof(paths));
        }

        var files = new List<DataFileInfo>();
        var raw = new List<RawSeries>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var series = CsvSeriesReader.Read(path, path);
            foreach (var s in series)
            {
                if (!seen.TryAdd(s.Id, path))
                {
                    throw new DataFileException(path, s.Lines[0], $"series '{s.Id}' also appears in {seen[s.Id]}; series ids must be unique across files");
                }
            }

            raw.AddRange(series);
            files.Add(new DataFileInfo(path, Sha256Of(path), series.Count, series.Sum(s => s.Values.Count)));
        }

        return (raw, files);
    }

    private static SeriesCollection Regularize(List<RawSeries> raw, List<DataFileInfo> files, SeriesCalendar calendar, int maxFilledGap)
    {
        var regular = raw.Select(s => Regularize(s, calendar, maxFilledGap)).ToArray();
        return new SeriesCollection(calendar.Frequency, regular, files) { Calendar = calendar };
    }

    private static SeriesCalendar ChooseCalendar(Frequency frequency, string? kind, List<RawSeries> raw, string files)
    {
        try
        {
            return kind switch
            {
                null when frequency.Unit == FrequencyUnit.BusinessDay => SeriesCalendar.BusinessDays(),
                null when LacksEveryLeapDay(frequency, raw) => SeriesCalendar.NoLeap(frequency),
                null => SeriesCalendar.Regular(frequency),
                SeriesCalendar.SessionsKind => SeriesCalendar.LearnSessions(frequency, raw.SelectMany(s => s.Timestamps)),
                _ => SeriesCalendar.Create(frequency, kind, null, null),
            };
        }
        catch (FormatException ex)
        {
            throw new DataFileException(files, null, ex.Message);
        }
    }

    /// <summary>One hash for all files: the file's own hash when there is one, else the hash of their "sha256  name" lines.</summary>
    public static string CombinedSha256(IReadOnlyList<DataFileInfo> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 1)
        {
            return files[0].Sha256;
        }

        var text = string.Concat(files.Select(f => $"{f.Sha256}  {Path.GetFileName(f.Path)}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Frequency InferCommon(List<RawSeries> raw)
    {
        Frequency? common = null;
        RawSeries? first = null;
        foreach (var s in raw)
        {
            if (s.Timestamps.Count < 2)
            {
                throw new DataFileException(s.File, s.Lines[0], $"series '{s.Id}' has a single row; its frequency cannot be inferred");
            }

            var frequency = Frequency.Infer(s.Timestamps)
                ?? throw new DataFileException(s.File, s.Lines[1], $"series '{s.Id}' has no supported frequency (its most common spacing is not a whole number of minutes, hours, days, weeks or months)");
            if (common is null)
            {
                common = frequency;
                first = s;
            }
            else if (common != frequency)
            {
                throw new DataFileException(s.File, s.Lines[0], $"series '{s.Id}' has frequency {frequency}, but series '{first!.Id}' ({first.File}) has {common}; all series of a model share one frequency");
            }
        }

        return common!.Value;
    }

    private static TimeSeries Regularize(RawSeries s, SeriesCalendar calendar, int maxFilledGap)
    {
        if (!calendar.Contains(s.Timestamps[0]))
        {
            throw new DataFileException(s.File, s.Lines[0], $"timestamp {Timestamps.Format(s.Timestamps[0])} in series '{s.Id}' is not on the calendar ({calendar.Description})");
        }

        var timestamps = new List<DateTimeOffset>(s.Timestamps.Count) { s.Timestamps[0] };
        var values = new List<double>(s.Values.Count) { s.Values[0] };
        var filled = 0;
        var closed = 0;
        for (var i = 1; i < s.Timestamps.Count; i++)
        {
            var previous = s.Timestamps[i - 1];
            var next = s.Timestamps[i];
            var gap = Measure(previous, next, calendar, maxFilledGap, s, i);
            if (gap.Missing > 0)
            {
                // Linear interpolation between the two observed neighbours, at the timestamps the calendar expected.
                var step = previous;
                for (var k = 1; k <= gap.Missing; k++)
                {
                    step = calendar.Next(step);
                    var fraction = (double)k / (gap.Missing + 1);
                    timestamps.Add(step);
                    values.Add(s.Values[i - 1] + (fraction * (s.Values[i] - s.Values[i - 1])));
                }

                filled += gap.Missing;
            }

            closed += gap.Closed;
            timestamps.Add(next);
            values.Add(s.Values[i]);
        }

        return new TimeSeries(s.Id, s.File, [.. timestamps], [.. values], filled) { ClosedSteps = closed };
    }

    /// <summary>True when every step the calendar expects between the two falls on 29 February.</summary>
    private static bool OnlyLeapDayBetween(DateTimeOffset previous, DateTimeOffset next, SeriesCalendar calendar) =>
        SeriesCalendar.NoLeapFits(calendar.Frequency) && SeriesCalendar.NoLeap(calendar.Frequency).Next(previous) == next;

    /// <summary>
    /// A no-leap calendar is inferred only from strong evidence: minute, hour or day data without a row on 29 February
    /// although its series span two of them or more. One absent leap day may be a missing reading; every one of several
    /// is how the source keeps its years.
    /// </summary>
    private static bool LacksEveryLeapDay(Frequency frequency, List<RawSeries> raw)
    {
        if (!SeriesCalendar.NoLeapFits(frequency) || raw.Any(s => s.Timestamps.Any(SeriesCalendar.IsLeapDay)))
        {
            return false;
        }

        var spanned = new HashSet<int>();
        foreach (var s in raw)
        {
            for (var year = s.Timestamps[0].Year; year <= s.Timestamps[^1].Year; year++)
            {
                if (DateTime.IsLeapYear(year) && s.Timestamps[0] < new DateTimeOffset(year, 2, 29, 0, 0, 0, s.Timestamps[0].Offset) && s.Timestamps[^1] > new DateTimeOffset(year, 3, 1, 0, 0, 0, s.Timestamps[^1].Offset))
                {
                    spanned.Add(year);
                }
            }
        }

        return spanned.Count >= 2;
    }

    /// <summary>How two rows follow each other on the calendar; throws for gaps too long to fill and off-calendar rows.</summary>
    private static CalendarGap Measure(DateTimeOffset previous, DateTimeOffset next, SeriesCalendar calendar, int maxFilledGap, RawSeries s, int index)
    {
        var gap = calendar.Next(previous) == next ? new CalendarGap(true, 0, 0) : calendar.Measure(previous, next);
        var line = s.Lines[index];
        if (!gap.OnCalendar)
        {
            var grid = calendar.IsRegular ? $"the {calendar.Frequency} grid" : $"the calendar ({calendar.Description})";
            throw new DataFileException(s.File, line, $"timestamp {Timestamps.Format(next)} in series '{s.Id}' is not on {grid} that starts from {Timestamps.Format(previous)} (line {s.Lines[index - 1]})");
        }

        if (gap.Missing > maxFilledGap)
        {
            var hint = maxFilledGap == 0
                ? "use --fill-gaps N to interpolate gaps of up to N steps"
                : $"--fill-gaps {maxFilledGap} fills at most {maxFilledGap}";
            if (calendar.IsRegular && OnlyLeapDayBetween(previous, next, calendar))
            {
                hint += $"; if the source leaves out leap days, --calendar {SeriesCalendar.NoLeapKind} reads it as it is";
            }

            throw new DataFileException(s.File, line, $"gap of {gap.Missing} missing step(s) in series '{s.Id}' between {Timestamps.Format(previous)} (line {s.Lines[index - 1]}) and {Timestamps.Format(next)} ({hint})");
        }

        return gap;
    }
}
