using System.Globalization;

namespace ForecastService.Core.Time;

/// <summary>
/// An intraday frequency observed only in a weekly set of slots: trading sessions, business hours, a sensor that pauses
/// at night. Slots are minutes of the week on each timestamp's own wall clock, as the covariates are, written on the
/// card as day ranges with both ends included, e.g. <c>Mon 09:30-15:30</c> for a 30-minute model's thirteen slots.
/// </summary>
internal sealed class SessionCalendar : SeriesCalendar
{
    private const int MinutesPerDay = 1440;
    private const int MinutesPerWeek = 7 * MinutesPerDay;
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private readonly bool[] _open;
    private readonly int _stepMinutes;

    // Minutes from each minute of the week to the next open slot on its step grid, or -1 when that grid has none: Next
    // is one lookup, so a request cannot make the service walk a week of closed steps per timestamp.
    private readonly int[] _minutesToNext;

    private SessionCalendar(Frequency frequency, bool[] open)
        : base(frequency)
    {
        _open = open;
        _stepMinutes = StepMinutes(frequency);
        _minutesToNext = MinutesToNext(open, _stepMinutes);
        SlotCount = open.Count(o => o);
        Slots = [.. Ranges()];
    }

    public override string Kind => SessionsKind;

    public override string Description => $"{Frequency} in {SlotCount} weekly session slot(s) ({string.Join(", ", Slots.Take(3))}{(Slots.Count > 3 ? ", …" : string.Empty)})";

    /// <summary>The slots as the card writes them, Monday first, e.g. <c>Mon 09:30-15:30</c>.</summary>
    public override IReadOnlyList<string> Slots { get; }

    public int SlotCount { get; }

    public static SessionCalendar Learn(Frequency frequency, IEnumerable<DateTimeOffset> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        StepMinutes(frequency);
        var open = new bool[MinutesPerWeek];
        foreach (var timestamp in timestamps)
        {
            open[MinuteOfWeek(timestamp)] = true;
        }

        return open.Any(o => o) ? new SessionCalendar(frequency, open) : throw new ArgumentException("No timestamps to learn session slots from.", nameof(timestamps));
    }

    public static SessionCalendar Parse(Frequency frequency, IReadOnlyList<string> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var step = StepMinutes(frequency);
        var open = new bool[MinutesPerWeek];
        foreach (var slot in slots)
        {
            var (day, first, last) = ParseRange(slot);
            if (last < first || (last - first) % step != 0)
            {
                throw new FormatException($"session slot '{slot}' must run forward from its first to its last slot in steps of {frequency}.");
            }

            for (var minute = first; minute <= last; minute += step)
            {
                open[(day * MinutesPerDay) + minute] = true;
            }
        }

        return open.Any(o => o) ? new SessionCalendar(frequency, open) : throw new FormatException("a session calendar needs at least one slot.");
    }

    public override bool Contains(DateTimeOffset timestamp) => timestamp.Ticks % TimeSpan.TicksPerMinute == 0 && _open[MinuteOfWeek(timestamp)];

    public override DateTimeOffset Next(DateTimeOffset from)
    {
        var minutes = from.Ticks % TimeSpan.TicksPerMinute == 0 ? _minutesToNext[MinuteOfWeek(from)] : -1;
        return minutes > 0
            ? from.AddMinutes(minutes)
            : throw new ArgumentException($"{Timestamps.Format(from)} is off the {Frequency} grid of the session slots; no slot follows it.", nameof(from));
    }

    public override bool Follows(DateTimeOffset previous, DateTimeOffset next) => Contains(previous) && Next(previous) == next;

    private static int StepMinutes(Frequency frequency)
    {
        var minutes = frequency.Unit switch
        {
            FrequencyUnit.Minute => frequency.Multiple,
            FrequencyUnit.Hour => frequency.Multiple * 60,
            _ => 0,
        };
        return minutes > 0 && MinutesPerDay % minutes == 0
            ? minutes
            : throw new FormatException($"a session calendar needs an intraday frequency that divides a day (e.g. 30min, 1h), not {frequency}.");
    }

    /// <summary>For every minute of the week, the minutes to the first open slot a whole number of steps later.</summary>
    private static int[] MinutesToNext(bool[] open, int step)
    {
        var result = new int[MinutesPerWeek];
        var count = MinutesPerWeek / step;
        for (var phase = 0; phase < step; phase++)
        {
            // Backwards round the cycle of this phase, twice, so distances that wrap past Sunday night are known too.
            var distance = -1;
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = count - 1; i >= 0; i--)
                {
                    var following = phase + ((i + 1) % count * step);
                    distance = open[following] ? step : distance < 0 ? -1 : distance + step;
                    result[phase + (i * step)] = distance;
                }
            }
        }

        return result;
    }

    private static int MinuteOfWeek(DateTimeOffset timestamp)
    {
        var clock = timestamp.DateTime;
        var mondayBased = ((int)clock.DayOfWeek + 6) % 7;
        return (mondayBased * MinutesPerDay) + (clock.Hour * 60) + clock.Minute;
    }

    private static (int Day, int First, int Last) ParseRange(string slot)
    {
        // "Mon 09:30-15:30": a day name, a space, two wall-clock times.
        var parts = slot.Split(' ');
        var times = parts.Length == 2 ? parts[1].Split('-') : [];
        var day = parts.Length == 2 ? Array.IndexOf(DayNames, parts[0]) : -1;
        if (day < 0 || times.Length != 2 || !TryMinuteOfDay(times[0], out var first) || !TryMinuteOfDay(times[1], out var last))
        {
            throw new FormatException($"session slot '{slot}' is not a day and a range of times such as 'Mon 09:30-15:30'.");
        }

        return (day, first, last);
    }

    private static bool TryMinuteOfDay(string text, out int minute)
    {
        minute = 0;
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        minute = (time.Hour * 60) + time.Minute;
        return true;
    }

    private IEnumerable<string> Ranges()
    {
        for (var day = 0; day < 7; day++)
        {
            var start = -1;
            var end = -1;
            for (var minute = 0; minute < MinutesPerDay; minute++)
            {
                if (!_open[(day * MinutesPerDay) + minute])
                {
                    continue;
                }

                if (start >= 0 && minute - end != _stepMinutes)
                {
                    yield return Range(day, start, end);
                    start = -1;
                }

                if (start < 0)
                {
                    start = minute;
                }

                end = minute;
            }

            if (start >= 0)
            {
                yield return Range(day, start, end);
            }
        }
    }

    private static string Range(int day, int first, int last) =>
        string.Create(CultureInfo.InvariantCulture, $"{DayNames[day]} {first / 60:00}:{first % 60:00}-{last / 60:00}:{last % 60:00}");
}
