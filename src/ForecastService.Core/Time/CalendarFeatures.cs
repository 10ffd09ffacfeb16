namespace ForecastService.Core.Time;

/// <summary>
/// Calendar covariates derived from timestamps, as sin/cos pairs so that the end of a cycle meets its start.
/// Which cycles are meaningful depends on the series' frequency. Trainer and service both use this class, so the
/// covariates a model was trained on are exactly the ones it is served with.
/// </summary>
/// <remarks>
/// Covariates follow the wall clock of each timestamp in its own offset (what a meter or a market reports), not UTC:
/// 09:00+01:00 is nine in the morning.
/// </remarks>
public sealed class CalendarFeatures
{
    private const double TwoPi = 2 * Math.PI;
    private readonly Cycle[] _cycles;

    private CalendarFeatures(Frequency frequency, Cycle[] cycles)
    {
        Frequency = frequency;
        _cycles = cycles;
        Names = [.. cycles.SelectMany(c => new[] { $"{NameOf(c)}_sin", $"{NameOf(c)}_cos" })];
    }

    private enum Cycle
    {
        TimeOfDay,
        DayOfWeek,
        BusinessDayOfWeek,
        DayOfYear,
        MonthOfYear,
        QuarterOfYear,
    }

    public Frequency Frequency { get; }

    /// <summary>Covariate names in the order they are written, e.g. <c>time_of_day_sin</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public static CalendarFeatures For(Frequency frequency) => new(frequency, frequency.Unit switch
    {
        FrequencyUnit.Minute or FrequencyUnit.Hour => [Cycle.TimeOfDay, Cycle.DayOfWeek],
        FrequencyUnit.Day => [Cycle.DayOfWeek, Cycle.DayOfYear],
        FrequencyUnit.BusinessDay => [Cycle.BusinessDayOfWeek, Cycle.DayOfYear],
        FrequencyUnit.Week => [Cycle.DayOfYear],
        FrequencyUnit.Month => [Cycle.MonthOfYear],
        FrequencyUnit.Quarter => [Cycle.QuarterOfYear],

        // Every yearly timestamp sits at the same place in every calendar cycle, so there is nothing to encode.
        FrequencyUnit.Year => [],
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency unit."),
    });

    /// <summary>Writes the <see cref="Count"/> covariates of one timestamp.</summary>
    public void Compute(DateTimeOffset timestamp, Span<float> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException($"Need room for {Count} covariates, got {destination.Length}.", nameof(destination));
        }

        var clock = timestamp.DateTime;
        for (var i = 0; i < _cycles.Length; i++)
        {
            var (sin, cos) = Math.SinCos(TwoPi * Position(_cycles[i], clock));
            destination[2 * i] = (float)sin;
            destination[(2 * i) + 1] = (float)cos;
        }
    }

    /// <summary>Writes the covariates of many timestamps, row-major [timestamps.Length, Count].</summary>
    public void Compute(ReadOnlySpan<DateTimeOffset> timestamps, Span<float> destination)
    {
        if (destination.Length < timestamps.Length * Count)
        {
            throw new ArgumentException($"Need room for {timestamps.Length * Count} covariates, got {destination.Length}.", nameof(destination));
        }

        for (var t = 0; t < timestamps.Length; t++)
        {
            Compute(timestamps[t], destination.Slice(t * Count, Count));
        }
    }

    private static string NameOf(Cycle cycle) => cycle switch
    {
        Cycle.TimeOfDay => "time_of_day",
        Cycle.DayOfWeek => "day_of_week",
        Cycle.BusinessDayOfWeek => "business_day_of_week",
        Cycle.DayOfYear => "day_of_year",
        Cycle.MonthOfYear => "month_of_year",
        Cycle.QuarterOfYear => "quarter_of_year",
        _ => throw new ArgumentOutOfRangeException(nameof(cycle)),
    };

    /// <summary>Where in its cycle a clock reading sits, in [0, 1).</summary>
    private static double Position(Cycle cycle, DateTime clock)
    {
        var dayFraction = clock.TimeOfDay.TotalDays;
        var mondayBased = ((int)clock.DayOfWeek + 6) % 7;
        return cycle switch
        {
            Cycle.TimeOfDay => dayFraction,
            Cycle.DayOfWeek => (mondayBased + dayFraction) / 7.0,
            Cycle.BusinessDayOfWeek => Math.Min(mondayBased, 4) / 5.0,
            Cycle.DayOfYear => (clock.DayOfYear - 1 + dayFraction) / 365.25,
            Cycle.MonthOfYear => (clock.Month - 1) / 12.0,
            Cycle.QuarterOfYear => ((clock.Month - 1) / 3) / 4.0,
            _ => throw new ArgumentOutOfRangeException(nameof(cycle)),
        };
    }
}
