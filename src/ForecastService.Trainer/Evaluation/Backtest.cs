using ForecastService.Core.Evaluation;
using ForecastService.Core.Models;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Evaluation;

/// <summary>
/// Scores quantile forecasts of windows against their actuals, next to seasonal naive on the same windows.
/// </summary>
/// <remarks>
/// Point accuracy uses the 0.5 quantile, the 80% interval the 0.1 and 0.9 quantiles. MASE scales each window by the
/// mean absolute seasonal difference of its series' whole history before the forecast origin (data the forecaster
/// could have had, and steadier than one window). Seasonal naive sees only the model's lookback window, like the
/// model, and its intervals are empirical quantiles of that window's own seasonal differences
/// (see <see cref="SeasonalNaive"/>).
/// </remarks>
internal static class Backtest
{
    public static BacktestResult Score(
        IReadOnlyList<TimeSeries> series,
        IReadOnlyList<WindowOrigin> windows,
        int lookback,
        int horizon,
        int seasonality,
        IReadOnlyList<double> quantiles,
        ReadOnlySpan<float> forecasts)
    {
        var q = quantiles.Count;
        var median = IndexOf(quantiles, 0.5);
        var low = IndexOf(quantiles, 0.1);
        var high = IndexOf(quantiles, 0.9);
        if (forecasts.Length != windows.Count * horizon * q)
        {
            throw new ArgumentException($"Expected {windows.Count * horizon * q} forecasts, got {forecasts.Length}.", nameof(forecasts));
        }

        var model = new ForecastAccuracy();
        var naive = new ForecastAccuracy();
        var last = new ForecastAccuracy();
        var perSeries = series.Select(_ => (Model: new ForecastAccuracy(), Naive: new ForecastAccuracy(), Last: new ForecastAccuracy())).ToArray();
        double[] naiveLevels = [0.1, 0.9];
        var point = new double[horizon];
        var lower = new double[horizon];
        var upper = new double[horizon];
        for (var w = 0; w < windows.Count; w++)
        {
            var (s, origin) = windows[w];
            var values = series[s].Values;
            var history = values.AsSpan(0, origin);
            var actual = values.AsSpan(origin, horizon);
            var scale = MaseScale.Compute(history, seasonality);

            for (var t = 0; t < horizon; t++)
            {
                var row = ((w * horizon) + t) * q;
                point[t] = forecasts[row + median];
                lower[t] = forecasts[row + low];
                upper[t] = forecasts[row + high];
            }

            model.Add(actual, point, lower, upper, scale);
            perSeries[s].Model.Add(actual, point, lower, upper, scale);

            // Each baseline sees the model's window; its point forecast is the seasonal naive value itself, its interval
            // comes from the window's errors. Seasonal naive at the model's season, then naive (the last value): the
            // two forecasts every model must beat.
            var window = history[^lookback..];
            AddSeasonalNaive(window, actual, seasonality, scale, naiveLevels, naive, perSeries[s].Naive);
            AddSeasonalNaive(window, actual, 1, scale, naiveLevels, last, perSeries[s].Last);
        }

        var bySeries = new Dictionary<string, HeldOutMetrics>(StringComparer.Ordinal);
        for (var s = 0; s < series.Count; s++)
        {
            if (perSeries[s].Model.Windows > 0)
            {
                bySeries[series[s].Id] = new HeldOutMetrics(perSeries[s].Model.Windows, perSeries[s].Model.ToMetrics(), perSeries[s].Naive.ToMetrics(), perSeries[s].Last.ToMetrics());
            }
        }

        return new BacktestResult(new HeldOutMetrics(model.Windows, model.ToMetrics(), naive.ToMetrics(), last.ToMetrics()), bySeries);
    }

    private static void AddSeasonalNaive(
        ReadOnlySpan<double> window,
        ReadOnlySpan<double> actual,
        int lag,
        double scale,
        double[] levels,
        ForecastAccuracy total,
        ForecastAccuracy ofSeries)
    {
        var point = SeasonalNaive.Point(window, actual.Length, lag);
        var band = SeasonalNaive.Quantiles(window, actual.Length, lag, levels);
        var lower = new double[actual.Length];
        var upper = new double[actual.Length];
        for (var t = 0; t < actual.Length; t++)
        {
            lower[t] = band[2 * t];
            upper[t] = band[(2 * t) + 1];
        }

        total.Add(actual, point, lower, upper, scale);
        ofSeries.Add(actual, point, lower, upper, scale);
    }

    private static int IndexOf(IReadOnlyList<double> quantiles, double level)
    {
        for (var i = 0; i < quantiles.Count; i++)
        {
            if (Math.Abs(quantiles[i] - level) < 1e-9)
            {
                return i;
            }
        }

        throw new ArgumentException($"The model has no {level} quantile; backtests need 0.1, 0.5 and 0.9.", nameof(quantiles));
    }
}
