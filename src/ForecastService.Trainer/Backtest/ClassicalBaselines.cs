using ForecastService.Core.Evaluation;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Naive and seasonal naive (lag m) at every origin, scored like the model, for a user's CSV, which has no kit
/// <c>baselines.csv</c>: the two forecasts a model must beat. Series that cannot be read are left out (the backtest
/// itself reports why).
/// </summary>
internal static class ClassicalBaselines
{
    public static BaselineTable Score(IReadOnlyList<BacktestSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var entries = new List<(string, string, double)>();
        foreach (var source in sources)
        {
            BacktestSeries series;
            try
            {
                series = source.Load();
            }
            catch (Exception e) when (e is DataFileException or ArgumentException)
            {
                continue;
            }

            entries.Add((series.Id, BacktestReport.Naive, Mase(series, 1)));
            entries.Add((series.Id, BacktestReport.SeasonalNaive, Mase(series, series.Seasonality)));
        }

        return BaselineTable.Of(entries);
    }

    /// <summary>The last value one season back, repeated season by season: a point forecast, so q10 = q50 = q90.</summary>
    private static double Mase(BacktestSeries series, int lag)
    {
        var rows = new List<ForecastRow>();
        for (var k = 0; k < series.Origins.Length; k++)
        {
            var history = series.Values.AsSpan(0, series.Origins[k]);
            if (history.Length < lag)
            {
                return double.NaN;
            }

            var point = SeasonalNaive.Point(history, series.Horizon, lag);
            rows.AddRange(point.Select((p, j) => new ForecastRow(series.Id, k + 1, j + 1, p, p, p)));
        }

        return KitScorer.Score(series, rows).Mase;
    }
}
