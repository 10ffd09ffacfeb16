using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForecastService.Core.Time;

/// <summary>
/// The spacing of a regular series: a multiple of a calendar unit. Its canonical text is <c>10min</c>, <c>30min</c>,
/// <c>1h</c>, <c>1d</c>, <c>1bd</c> (business day), <c>1w</c>, <c>1mo</c>, <c>1q</c> or <c>1y</c>; this form is what model
/// cards and ONNX metadata carry. <see cref="Parse"/> also reads the names people write (<see cref="AcceptedForms"/>).
/// </summary>
public readonly record struct Frequency
{
    /// <summary>Every form <see cref="TryParse"/> accepts, in words, for help texts and error messages.</summary>
    public const string AcceptedForms =
        "<n>min or <n>T (e.g. 10min, 30min, 30T); <n>h, <n>H, hourly; <n>d, <n>D, daily; 1bd, B, business-daily; 1w, W, weekly; "
        + "1mo, M, MS, monthly; 1q, Q, QS, quarterly; 1y, Y, A, yearly";

    // Unit suffixes after an optional count, longest first so that "bd" wins over "d" and "MS" over "S"-less forms.
    // Canonical suffixes need their count ("min" alone is not a frequency); the pandas-style letters default it to 1.
    private static readonly Suffix[] Suffixes =
    [
        new("min", FrequencyUnit.Minute, CountRequired: true),
        new("bd", FrequencyUnit.BusinessDay, CountRequired: true),
        new("mo", FrequencyUnit.Month, CountRequired: true),
        new("MS", FrequencyUnit.Month, CountRequired: false),
        new("QS", FrequencyUnit.Quarter, CountRequired: false),
        new("h", FrequencyUnit.Hour, CountRequired: false),
        new("d", FrequencyUnit.Day, CountRequired: true),
        new("w", FrequencyUnit.Week, CountRequired: true),
        new("q", FrequencyUnit.Quarter, CountRequired: true),
        new("y", FrequencyUnit.Year, CountRequired: true),
        new("T", FrequencyUnit.Minute, CountRequired: false),
        new("H", FrequencyUnit.Hour, CountRequired: false),
        new("D", FrequencyUnit.Day, CountRequired: false),
        new("B", FrequencyUnit.BusinessDay, CountRequired: false),
        new("W", FrequencyUnit.Week, CountRequired: false),
        new("M", FrequencyUnit.Month, CountRequired: false),
        new("Q", FrequencyUnit.Quarter, CountRequired: false),
        new("Y", FrequencyUnit.Year, CountRequired: false),
        new("A", FrequencyUnit.Year, CountRequired: false),
    ];

    private static readonly Dictionary<string, FrequencyUnit> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hourly"] = FrequencyUnit.Hour,
        ["daily"] = FrequencyUnit.Day,
        ["business-daily"] = FrequencyUnit.BusinessDay,
        ["weekly"] = FrequencyUnit.Week,
        ["monthly"] = FrequencyUnit.Month,
        ["quarterly"] = FrequencyUnit.Quarter,
        ["yearly"] = FrequencyUnit.Year,
    };

    public Frequency(FrequencyUnit unit, int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        if (!AllowsMultiple(unit) && multiple != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(multiple), multiple, $"{unit} frequencies support a multiple of 1 only.");
        }

        Unit = unit;
        Multiple = multiple;
    }

    public FrequencyUnit Unit { get; }

    public int Multiple { get; }

    /// <summary>True for frequencies below one day, whose covariates include the time of day.</summary>
    public bool IsIntraday => Unit is FrequencyUnit.Minute or FrequencyUnit.Hour;

    /// <summary>
    /// The season length used by seasonal naive and MASE: one day for intraday series, a week for daily ones,
    /// a year for weekly, monthly and quarterly ones, and 1 (the random walk) for business days, whose level is a random walk,
    /// and for years.
    /// </summary>
    public int DefaultSeasonality => Unit switch
    {
        FrequencyUnit.Minute => Math.Max(1, 1440 / Multiple),
        FrequencyUnit.Hour => Math.Max(1, 24 / Multiple),
        FrequencyUnit.Day => 7,
        FrequencyUnit.BusinessDay => 1,
        FrequencyUnit.Week => 52,
        FrequencyUnit.Month => 12,
        FrequencyUnit.Quarter => 4,
        _ => 1,
    };

    public static Frequency Parse(string text) =>
        TryParse(text, out var frequency) ? frequency : throw new FormatException($"'{text}' is not a frequency; accepted: {AcceptedForms}.");

    /// <summary>Reads a canonical form or an alias (see <see cref="AcceptedForms"/>); letters are case-sensitive (M is a month, min a minute).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Frequency frequency)
    {
        frequency = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Words.TryGetValue(text, out var named))
        {
            frequency = new Frequency(named, 1);
            return true;
        }

        foreach (var suffix in Suffixes)
        {
            if (!text.EndsWith(suffix.Text, StringComparison.Ordinal))
            {
                continue;
            }

            var count = text[..^suffix.Text.Length];
            if (count.Length == 0 && !suffix.CountRequired)
            {
                frequency = new Frequency(suffix.Unit, 1);
                return true;
            }

            if (count.Length == 0 || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var multiple) || multiple < 1)
            {
                return false;
            }

            if (!AllowsMultiple(suffix.Unit) && multiple != 1)
            {
                return false;
            }

            frequency = new Frequency(suffix.Unit, multiple);
            return true;
        }

        return false;
    }

    /// <summary>The timestamp <paramref name="steps"/> steps after <paramref name="from"/>, keeping its offset.</summary>
    public DateTimeOffset Advance(DateTimeOffset from, int steps = 1) => Unit switch
    {
        FrequencyUnit.Minute => from.AddMinutes((double)Multiple * steps),
        FrequencyUnit.Hour => from.AddHours((double)Multiple * steps),
        FrequencyUnit.Day => from.AddDays((double)Multiple * steps),
        FrequencyUnit.Week => from.AddDays(7.0 * steps),
        FrequencyUnit.Month => from.AddMonths(steps),
        FrequencyUnit.Quarter => from.AddMonths(3 * steps),
        FrequencyUnit.Year => from.AddYears(steps),
        FrequencyUnit.BusinessDay => AddBusinessDays(from, steps),
        _ => throw new InvalidOperationException($"Unknown unit {Unit}."),
    };

    /// <summary>True when <paramref name="next"/> is exactly one step after <paramref name="previous"/>.</summary>
    public bool IsNextStep(DateTimeOffset previous, DateTimeOffset next) => Advance(previous) == next;

    /// <summary>
    /// Infers the frequency of sorted, regular timestamps from their most common spacing, or returns null when there
    /// are fewer than two timestamps or the spacing fits no supported frequency.
    /// </summary>
    public static Frequency? Infer(IReadOnlyList<DateTimeOffset> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        if (timestamps.Count < 2)
        {
            return null;
        }

        var counts = new Dictionary<TimeSpan, int>();
        for (var i = 1; i < timestamps.Count; i++)
        {
            var gap = timestamps[i] - timestamps[i - 1];
            counts[gap] = counts.GetValueOrDefault(gap) + 1;
        }

        var mode = counts.MaxBy(pair => pair.Value).Key;
        if (mode <= TimeSpan.Zero)
        {
            return null;
        }

        if (mode.TotalDays is >= 365 and <= 366)
        {
            return new Frequency(FrequencyUnit.Year, 1);
        }

        if (mode.TotalDays is >= 89 and <= 92)
        {
            return new Frequency(FrequencyUnit.Quarter, 1);
        }

        if (mode.TotalDays is >= 28 and <= 31)
        {
            return new Frequency(FrequencyUnit.Month, 1);
        }

        if (mode == TimeSpan.FromDays(7))
        {
            return new Frequency(FrequencyUnit.Week, 1);
        }

        if (mode == TimeSpan.FromDays(1))
        {
            // Daily data whose longer gaps all fall over weekends and that never lands on a weekend is business-day data.
            var weekendFree = timestamps.All(t => t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            var hasWeekendGaps = counts.ContainsKey(TimeSpan.FromDays(3));
            return new Frequency(weekendFree && hasWeekendGaps ? FrequencyUnit.BusinessDay : FrequencyUnit.Day, 1);
        }

        if (mode.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return new Frequency(FrequencyUnit.Day, (int)mode.TotalDays);
        }

        if (mode.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return new Frequency(FrequencyUnit.Hour, (int)mode.TotalHours);
        }

        return mode.Ticks % TimeSpan.TicksPerMinute == 0 ? new Frequency(FrequencyUnit.Minute, (int)mode.TotalMinutes) : null;
    }

    public override string ToString() => Unit switch
    {
        FrequencyUnit.Minute => $"{Multiple}min",
        FrequencyUnit.Hour => $"{Multiple}h",
        FrequencyUnit.Day => $"{Multiple}d",
        FrequencyUnit.BusinessDay => "1bd",
        FrequencyUnit.Week => "1w",
        FrequencyUnit.Month => "1mo",
        FrequencyUnit.Quarter => "1q",
        FrequencyUnit.Year => "1y",
        _ => "?",
    };

    private static bool AllowsMultiple(FrequencyUnit unit) => unit is FrequencyUnit.Minute or FrequencyUnit.Hour or FrequencyUnit.Day;

    private static DateTimeOffset AddBusinessDays(DateTimeOffset from, int steps)
    {
        var direction = Math.Sign(steps);
        var result = from;
        for (var remaining = Math.Abs(steps); remaining > 0;)
        {
            result = result.AddDays(direction);
            if (result.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                remaining--;
            }
        }

        return result;
    }

    private sealed record Suffix(string Text, FrequencyUnit Unit, bool CountRequired);
}
