namespace ForecastService.Core.Time;

/// <summary>Every step of the frequency is an observation: the calendar of every model written before calendars existed.</summary>
internal sealed class RegularCalendar(Frequency frequency) : SeriesCalendar(frequency)
{
    public override string Kind => RegularKind;

    public override string Description => $"{Frequency}";

    public override bool Contains(DateTimeOffset timestamp) => true;

    public override DateTimeOffset Next(DateTimeOffset from) => Frequency.Advance(from);

    // Frequency.Advance steps in one call (AddMonths(n) is not n × AddMonths(1) from the 31st), as before calendars.
    public override DateTimeOffset Advance(DateTimeOffset from, int steps) => Frequency.Advance(from, steps);

    public override bool Follows(DateTimeOffset previous, DateTimeOffset next) => Frequency.IsNextStep(previous, next);
}
