namespace ForecastService.Core.Time;

/// <summary>The calendar unit a <see cref="Frequency"/> counts in.</summary>
public enum FrequencyUnit
{
    Minute,
    Hour,
    Day,

    /// <summary>Monday to Friday; weekends are skipped (trading days). Holidays are not modelled.</summary>
    BusinessDay,
    Week,
    Month,
}
