using ForecastService.Core.Analysis;
using ForecastService.Core.Time;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// The kit's protocol on a user's own CSV (<c>timestamp,value</c> or <c>series_id,timestamp,value</c>): K origins of
/// stride H over the last K·H rows of each series, training on the rows before origin 1.
/// </summary>
internal static class DataFileSources
{
    /// <param name="path">The CSV file.</param>
    /// <param name="horizon">H.</param>
    /// <param name="origins">K.</param>
    /// <param name="frequency">The rule's frequency, or null to infer it per series.</param>
    /// <param name="seasonality">The rule's seasonality, or 0 for the frequency's default.</param>
    /// <param name="domain">The domain written on the scratch models' cards.</param>
    public static IReadOnlyList<BacktestSource> Read(string path, int horizon, int origins, string? frequency, int seasonality, string domain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(origins, 1);
        var all = CsvSeriesReader.Read(path, path);
        return [.. all.Select(raw => new BacktestSource(raw.Id, () => Plan(raw, path, horizon, origins, frequency, seasonality, domain)))];
    }

    private static BacktestSeries Plan(RawSeries raw, string path, int horizon, int origins, string? frequency, int seasonality, string domain)
    {
        var n = raw.Values.Count;
        if (RollingOrigins.RequiredLength(2, horizon, origins, horizon) > n)
        {
            throw new DataFileException(path, null, $"series '{raw.Id}' has {n} rows; {origins} origins of horizon {horizon} need {origins * horizon} rows after at least 2 to train on");
        }

        var m = seasonality > 0 ? seasonality : SeasonOf(raw, frequency);
        var trainN = RollingOrigins.Place(n, horizon, origins, horizon);
        return new BacktestSeries(raw.Id, domain, frequency, m, horizon, Lookback: null, [.. raw.Timestamps], [.. raw.Values], trainN);
    }

    /// <summary>The frequency's default season (a day of intraday steps, a week of days, a year of months...).</summary>
    private static int SeasonOf(RawSeries raw, string? frequency)
    {
        if (frequency is not null && Frequency.TryParse(frequency, out var given))
        {
            return given.DefaultSeasonality;
        }

        return Frequency.Infer(raw.Timestamps) is { } inferred ? inferred.DefaultSeasonality : 1;
    }
}
