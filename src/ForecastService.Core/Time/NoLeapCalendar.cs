namespace ForecastService.Core.Time;

/// <summary>
/// Every step of the frequency except those on 29 February: a 365-day year, as climate-model output (the CF
/// conventions' <c>noleap</c> calendar) and some published station records are kept. Forecasts step from 28 February
/// to 1 March in leap years too.
/// </summary>
internal sealed class NoLeapCalendar : SeriesCalendar
{
    public NoLeapCalendar(Frequency frequency)
        : base(frequency)
    {
        if (!NoLeapFits(frequency))
        {
            throw new FormatException($"calendar '{NoLeapKind}' needs a frequency in minutes, hours or days, not {frequency}.");
        }
    }

    public override string Kind => NoLeapKind;

    public override string Description => $"{Frequency} without 29 February";

    public override bool Contains(DateTimeOffset timestamp) => !IsLeapDay(timestamp);

    public override DateTimeOffset Next(DateTimeOffset from)
    {
        var next = Frequency.Advance(from);
        while (IsLeapDay(next))
        {
            next = Frequency.Advance(next);
        }

        return next;
    }

    public override bool Follows(DateTimeOffset previous, DateTimeOffset next) => Next(previous) == next;
}
