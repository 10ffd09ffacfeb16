namespace ForecastService.Core.Time;

/// <summary>
/// Weekdays, of which up to a few in a row may be absent (exchange holidays and closures). The
/// holidays ahead are not known, so forecasts step over weekends only.
/// </summary>
internal sealed class BusinessDayCalendar : SeriesCalendar
{
    private readonly int _maxClosedDays;

    public BusinessDayCalendar(int maxClosedDays)
        : base(new Frequency(FrequencyUnit.BusinessDay, 1))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxClosedDays);
        _maxClosedDays = maxClosedDays;
    }

    public override int? MaxClosedDays => _maxClosedDays;

    public override string Kind => BusinessDaysKind;

    public override string Description => $"1bd with up to {_maxClosedDays} closed weekday(s) in a row";

    public override bool Contains(DateTimeOffset timestamp) => timestamp.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public override DateTimeOffset Next(DateTimeOffset from) => Frequency.Advance(from);

    public override bool Follows(DateTimeOffset previous, DateTimeOffset next)
    {
        var step = previous;
        for (var i = 0; i <= _maxClosedDays; i++)
        {
            step = Frequency.Advance(step);
            if (step >= next)
            {
                return step == next;
            }
        }

        return false;
    }

    private protected override int AllowedClosure(int skipped) => skipped <= _maxClosedDays ? skipped : 0;
}
