namespace ForecastService.Core.Time;

/// <summary>The calendar unit a <see cref="Frequency"/> counts in.</summary>
public enum FrequencyUnit
{
    Minute,
    Hour,
    Day,

    /// <summary>Monday to Friday; weekends are skipped (trading days). Holidays are the calendar's (see <see cref="SeriesCalendar"/>).</summary>
    BusinessDay,
    Week,
    Month,

    /// <summary>Three months, stepping from the series' own first month (quarter starts or quarter ends alike).</summary>
    Quarter,
    Year,
}
