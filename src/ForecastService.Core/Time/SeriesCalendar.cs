namespace ForecastService.Core.Time;

/// <summary>
/// The timestamps a model's series are observed at. A regular calendar has every step of its frequency; a business-day
/// calendar may skip a few weekdays in a row (exchange holidays); a session calendar observes only in a weekly set of
/// slots (trading hours, a sensor that pauses at night) and steps over the rest; a no-leap calendar has every step but
/// those on 29 February. Row order is the time axis either way,
/// and covariates come from the real timestamps, so a skipped slot is neither filled nor counted.
/// </summary>
/// <remarks>
/// A timestamp that the calendar expects but the data lacks is a missing reading: the trainer refuses it (or fills it
/// with <c>--fill-gaps</c>) and the service answers 400, as for a regular series. See models/README.md.
/// </remarks>
public abstract class SeriesCalendar
{
    public const string RegularKind = "regular";
    public const string BusinessDaysKind = "business-days";
    public const string SessionsKind = "sessions";
    public const string NoLeapKind = "noleap";

    /// <summary>Weekdays in a row a business-day calendar may skip: a week of closure (Sep 11–14 2001 closed four).</summary>
    public const int DefaultMaxClosedDays = 5;

    private protected SeriesCalendar(Frequency frequency) => Frequency = frequency;

    public Frequency Frequency { get; }

    /// <summary><see cref="RegularKind"/>, <see cref="BusinessDaysKind"/>, <see cref="SessionsKind"/> or <see cref="NoLeapKind"/>: the card's <c>calendar.kind</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>True when every step of the frequency is expected, the behaviour of models whose card has no calendar.</summary>
    public bool IsRegular => Kind == RegularKind;

    /// <summary>Business days only: weekdays in a row that may be absent; null for other kinds.</summary>
    public virtual int? MaxClosedDays => null;

    /// <summary>Sessions only: the weekly slots as the card writes them (e.g. <c>Mon 09:30-15:30</c>); empty for other kinds.</summary>
    public virtual IReadOnlyList<string> Slots => [];

    /// <summary>The calendar in a few words for messages, e.g. <c>1bd with up to 5 closed weekdays in a row</c>.</summary>
    public abstract string Description { get; }

    public static SeriesCalendar Regular(Frequency frequency) => new RegularCalendar(frequency);

    /// <summary>Every step of <paramref name="frequency"/> (minutes, hours or days) but those on 29 February.</summary>
    /// <exception cref="FormatException">The frequency is weekly or longer.</exception>
    public static SeriesCalendar NoLeap(Frequency frequency) => new NoLeapCalendar(frequency);

    /// <summary>
    /// True when a no-leap calendar fits <paramref name="frequency"/>: minutes, hours or days. Months, quarters and
    /// years never land on 29 February, and weeks would drift off their weekday by skipping it.
    /// </summary>
    public static bool NoLeapFits(Frequency frequency) => frequency.Unit is FrequencyUnit.Minute or FrequencyUnit.Hour or FrequencyUnit.Day;

    /// <summary>True on 29 February, the day a no-leap calendar leaves out.</summary>
    public static bool IsLeapDay(DateTimeOffset timestamp) => timestamp.Month == 2 && timestamp.Day == 29;

    /// <param name="maxClosedDays">Weekdays in a row that may be absent without being missing readings (0 or more).</param>
    public static SeriesCalendar BusinessDays(int maxClosedDays = DefaultMaxClosedDays) => new BusinessDayCalendar(maxClosedDays);

    /// <summary>A session calendar from slot texts such as <c>Mon 09:30-15:30</c> (see <see cref="SessionCalendar"/>).</summary>
    /// <exception cref="FormatException">A slot text is malformed or off the frequency's grid.</exception>
    public static SeriesCalendar Sessions(Frequency frequency, IReadOnlyList<string> slots) => SessionCalendar.Parse(frequency, slots);

    /// <summary>The session calendar whose slots are exactly those the timestamps fall in (the training data's).</summary>
    public static SeriesCalendar LearnSessions(Frequency frequency, IEnumerable<DateTimeOffset> timestamps) => SessionCalendar.Learn(frequency, timestamps);

    /// <summary>The calendar a card describes; a card without one (written before calendars) is regular.</summary>
    /// <exception cref="FormatException">The kind is unknown or does not fit the frequency, or the slots are malformed.</exception>
    public static SeriesCalendar Create(Frequency frequency, string? kind, int? maxClosedDays, IReadOnlyList<string>? slots) => kind switch
    {
        null or RegularKind => Regular(frequency),
        BusinessDaysKind when frequency.Unit == FrequencyUnit.BusinessDay => BusinessDays(maxClosedDays ?? DefaultMaxClosedDays),
        SessionsKind when slots is { Count: > 0 } => Sessions(frequency, slots),
        NoLeapKind => NoLeap(frequency),
        BusinessDaysKind => throw new FormatException($"calendar '{BusinessDaysKind}' needs frequency 1bd, not {frequency}."),
        SessionsKind => throw new FormatException($"calendar '{SessionsKind}' needs its slots (e.g. \"Mon 09:30-15:30\")."),
        _ => throw new FormatException($"calendar '{kind}' is not one of {RegularKind}, {BusinessDaysKind}, {SessionsKind}, {NoLeapKind}."),
    };

    /// <summary>True when an observation may fall at <paramref name="timestamp"/>.</summary>
    public abstract bool Contains(DateTimeOffset timestamp);

    /// <summary>The first timestamp after <paramref name="from"/> the calendar expects an observation at: a forecast's next step.</summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is off the calendar's grid, so no slot follows it.</exception>
    public abstract DateTimeOffset Next(DateTimeOffset from);

    /// <summary>The timestamp <paramref name="steps"/> (0 or more) expected observations after <paramref name="from"/>.</summary>
    public virtual DateTimeOffset Advance(DateTimeOffset from, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        for (var i = 0; i < steps; i++)
        {
            from = Next(from);
        }

        return from;
    }

    /// <summary>
    /// True when <paramref name="next"/> may be the observation right after <paramref name="previous"/>: the next
    /// expected timestamp, or for business days the first after a closure the calendar allows.
    /// </summary>
    public abstract bool Follows(DateTimeOffset previous, DateTimeOffset next);

    /// <summary>
    /// How <paramref name="next"/> follows <paramref name="previous"/>: off the calendar (never reached by its steps), or
    /// on it with the expected observations that lie between, of which some may be allowed closures.
    /// </summary>
    /// <param name="previous">The earlier observation's timestamp.</param>
    /// <param name="next">The later observation's timestamp.</param>
    /// <param name="limit">Stop counting after this many expected timestamps (a guard against absurd gaps).</param>
    public CalendarGap Measure(DateTimeOffset previous, DateTimeOffset next, int limit = 1_000_000)
    {
        if (next <= previous)
        {
            return new CalendarGap(false, 0, 0);
        }

        var skipped = 0;
        var step = Next(previous);
        while (step < next && skipped <= limit)
        {
            skipped++;
            step = Next(step);
        }

        if (step != next)
        {
            return new CalendarGap(false, skipped, 0);
        }

        var closed = AllowedClosure(skipped);
        return new CalendarGap(true, skipped - closed, closed);
    }

    public override string ToString() => Description;

    /// <summary>How many of <paramref name="skipped"/> expected timestamps in a row are a closure rather than missing readings.</summary>
    private protected virtual int AllowedClosure(int skipped) => 0;
}

/// <summary>How one observation follows another on a calendar.</summary>
/// <param name="OnCalendar">False when the later timestamp is not reached by stepping the calendar from the earlier.</param>
/// <param name="Missing">Expected observations between the two that are absent: missing readings.</param>
/// <param name="Closed">Expected observations between the two that the calendar allows to be absent (holidays).</param>
public readonly record struct CalendarGap(bool OnCalendar, int Missing, int Closed);
