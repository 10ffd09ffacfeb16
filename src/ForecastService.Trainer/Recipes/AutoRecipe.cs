using System.Globalization;
using ForecastService.Core.Time;

namespace ForecastService.Trainer.Recipes;

/// <summary>
/// The <c>auto</c> recipe's one rule: seasonal periods from the frequency, the lookback from the horizon, the longest
/// period and the data length. Nothing depends on a particular series.
/// </summary>
public static class AutoRecipe
{
    /// <summary>
    /// Longest lookback the rule picks: long recurrent windows train slowly and gain little. A week of half-hours
    /// (336) plus the two steps seasonal naive's own intervals need, so 30-minute data keeps its weekly cycle.
    /// </summary>
    public const int MaxLookback = 338;

    /// <summary>Every series needs at least this many lookbacks of data, so the splits hold enough windows.</summary>
    public const int LengthsPerLookback = 4;

    /// <summary>The calendar cycles of a frequency that seasonal naive and the bank may use, shortest first.</summary>
    public static IReadOnlyList<SeasonalPeriod> CandidatePeriods(Frequency frequency)
    {
        var m = frequency.Multiple;
        List<SeasonalPeriod> periods = frequency.Unit switch
        {
            FrequencyUnit.Minute => [Whole(1440, m, $"same {Step(frequency)} yesterday"), Whole(10080, m, $"same {Step(frequency)} last week")],
            FrequencyUnit.Hour => [Whole(24, m, $"same {Step(frequency)} yesterday"), Whole(168, m, $"same {Step(frequency)} last week")],
            FrequencyUnit.Day => [Whole(7, m, "same weekday last week")],
            FrequencyUnit.BusinessDay => [new(5, "same business day last week")],
            FrequencyUnit.Week => [new(52, "same week last year")],
            FrequencyUnit.Month => [new(12, "same month last year")],
            FrequencyUnit.Quarter => [new(4, "same quarter last year")],
            _ => [],
        };
        return [.. periods.Where(p => p.Length >= 2)];
    }

    /// <summary>
    /// Lookback and usable periods: L = max(4·H, 2·longest period), at most <see cref="MaxLookback"/> and at most
    /// 1/<see cref="LengthsPerLookback"/> of the shortest series; periods longer than L are dropped. A lookback the
    /// user gave (<paramref name="given"/> above 0) is kept as it is, and only the periods that fit it are used.
    /// </summary>
    public static (int Lookback, IReadOnlyList<SeasonalPeriod> Periods) Resolve(Frequency frequency, int horizon, int shortestLength, int given = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (given > 0)
        {
            return (given, [.. CandidatePeriods(frequency).Where(p => p.Length + 2 <= given)]);
        }

        var limit = Math.Min(MaxLookback, shortestLength / LengthsPerLookback);
        var periods = CandidatePeriods(frequency).Where(p => p.Length + 2 <= limit).ToList();
        var longest = periods.Count > 0 ? periods[^1].Length : 1;
        var lookback = Math.Min(limit, Math.Max(4 * horizon, 2 * longest));
        lookback = Math.Max(lookback, Math.Min(limit, longest + 2));
        return (Math.Max(2, lookback), [.. periods.Where(p => p.Length + 2 <= lookback)]);
    }

    /// <summary>
    /// The period whose seasonal naive forecasts the next <paramref name="horizon"/> steps best (lowest mean absolute
    /// error over every origin in the first <paramref name="share"/> of each series, the part before validation and
    /// test); null when there is none, and then seasonal naive is naive.
    /// </summary>
    public static SeasonalPeriod? Strongest(IReadOnlyList<SeasonalPeriod> periods, IEnumerable<double[]> series, int horizon, double share)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var all = series.ToList();
        SeasonalPeriod? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var period in periods)
        {
            double sum = 0;
            long count = 0;
            foreach (var x in all)
            {
                var end = (int)(x.Length * share);
                for (var h = 1; h <= horizon; h++)
                {
                    var lag = period.Length * (((h - 1) / period.Length) + 1);
                    for (var t = lag; t < end; t++)
                    {
                        sum += Math.Abs(x[t] - x[t - lag]);
                        count++;
                    }
                }
            }

            var error = count > 0 ? sum / count : double.PositiveInfinity;
            if (error < bestError)
            {
                (best, bestError) = (period, error);
            }
        }

        return best;
    }

    /// <summary>Seasonal naive at <paramref name="seasonality"/> in words, from the frequency's named periods where one matches.</summary>
    public static string NameOf(Frequency frequency, int seasonality) =>
        seasonality <= 1 ? "last value"
        : CandidatePeriods(frequency).FirstOrDefault(p => p.Length == seasonality)?.Name
            ?? string.Create(CultureInfo.InvariantCulture, $"the value {seasonality} steps earlier");

    private static SeasonalPeriod Whole(int minutesOrHours, int multiple, string name) =>
        new(minutesOrHours % multiple == 0 ? minutesOrHours / multiple : 0, name);

    private static string Step(Frequency frequency) => (frequency.Unit, frequency.Multiple) switch
    {
        (FrequencyUnit.Minute, 30) => "half-hour",
        (FrequencyUnit.Minute, 15) => "quarter-hour",
        (FrequencyUnit.Minute, 60) or (FrequencyUnit.Hour, 1) => "hour",
        _ => "time of day",
    };
}
