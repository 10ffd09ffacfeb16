using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ForecastService.Core.Time;

/// <summary>
/// The spacing of a regular series: a multiple of a calendar unit. Written as <c>10min</c>, <c>30min</c>, <c>1h</c>,
/// <c>1d</c>, <c>1bd</c> (business day), <c>1w</c> or <c>1mo</c>; this text form is what model cards and ONNX metadata carry.
/// </summary>
public readonly record struct Frequency
{
    private static readonly (string Suffix, FrequencyUnit Unit)[] Suffixes =
    [
        ("min", FrequencyUnit.Minute),
        ("mo", FrequencyUnit.Month),
        ("bd", FrequencyUnit.BusinessDay),
        ("h", FrequencyUnit.Hour),
        ("d", FrequencyUnit.Day),
        ("w", FrequencyUnit.Week),
    ];

    public Frequency(FrequencyUnit unit, int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        if (unit is FrequencyUnit.BusinessDay or FrequencyUnit.Month or FrequencyUnit.Week && multiple != 1)
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
    /// a year for weekly and monthly ones, and 1 (the random walk) for business days, whose level is a random walk.
    /// </summary>
    public int DefaultSeasonality => Unit switch
    {
        FrequencyUnit.Minute => Math.Max(1, 1440 / Multiple),
        FrequencyUnit.Hour => Math.Max(1, 24 / Multiple),
        FrequencyUnit.Day => 7,
        FrequencyUnit.BusinessDay => 1,
        FrequencyUnit.Week => 52,
        FrequencyUnit.Month => 12,
        _ => 1,
    };

    public static Frequency Parse(string text) =>
        TryParse(text, out var frequency) ? frequency : throw new FormatException($"'{text}' is not a frequency (expected e.g. 10min, 30min, 1h, 1d, 1bd, 1w, 1mo).");

    public static bool TryParse([NotNullWhen(true)] string? text, out Frequency frequency)
    {
        frequency = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var (suffix, unit) in Suffixes)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var number = text[..^suffix.Length];
            if (number.Length == 0 || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var multiple) || multiple < 1)
            {
                return false;
            }

            if (unit is FrequencyUnit.BusinessDay or FrequencyUnit.Month or FrequencyUnit.Week && multiple != 1)
            {
                return false;
            }

            frequency = new Frequency(unit, multiple);
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
        _ => "?",
    };

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
}
