using ForecastService.Core.Evaluation;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Scores one series' forecast rows the way the accuracy kit's <c>eval_lib.R</c> does, so the figures stand next to
/// its <c>baselines.csv</c>: per origin k, MASE = mean_j |y_j − q50_j| / scale_k with scale_k the in-sample MAE of the
/// lag-m seasonal naive on rows 1..train_n(k) (lag 1 when that is undefined or 0, then 1); sMAPE, coverage of
/// [q10, q90] and its width over all points. The series is scored only when every (origin, step) row is present
/// once and finite; crossing quantiles are sorted per row first.
/// </summary>
internal static class KitScorer
{
    /// <exception cref="ArgumentException">Rows are missing, repeated or not finite (the series is NOT SCORED).</exception>
    public static SeriesScore Score(BacktestSeries series, IEnumerable<ForecastRow> rows)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rows);
        int k = series.Origins.Length, h = series.Horizon;
        var grid = new ForecastRow?[k, h];
        var present = 0;
        foreach (var row in rows)
        {
            if (row.Origin < 1 || row.Origin > k || row.Step < 1 || row.Step > h)
            {
                continue;
            }

            if (grid[row.Origin - 1, row.Step - 1] is not null)
            {
                throw new ArgumentException($"duplicate row for origin {row.Origin}, step {row.Step}", nameof(rows));
            }

            if (!double.IsFinite(row.Q10) || !double.IsFinite(row.Q50) || !double.IsFinite(row.Q90))
            {
                throw new ArgumentException($"non-finite forecast at origin {row.Origin}, step {row.Step}", nameof(rows));
            }

            grid[row.Origin - 1, row.Step - 1] = row;
            present++;
        }

        if (present != k * h)
        {
            throw new ArgumentException($"{(k * h) - present} of {k * h} (origin, step) rows missing", nameof(rows));
        }

        var accuracy = new ForecastAccuracy();
        var point = new double[h];
        var lower = new double[h];
        var upper = new double[h];
        var sorted = 0;
        for (var o = 0; o < k; o++)
        {
            var trainN = series.Origins[o];
            for (var j = 0; j < h; j++)
            {
                var r = grid[o, j]!.Value;
                Span<double> q = [r.Q10, r.Q50, r.Q90];
                if (r.Q10 > r.Q50 || r.Q50 > r.Q90)
                {
                    q.Sort();
                    sorted++;
                }

                (lower[j], point[j], upper[j]) = (q[0], q[1], q[2]);
            }

            var scale = Scale(series.Values.AsSpan(0, trainN), series.Seasonality);
            accuracy.Add(series.Values.AsSpan(trainN, h), point, lower, upper, scale);
        }

        var metrics = accuracy.ToMetrics();
        return new SeriesScore(metrics.Mase, metrics.Smape, metrics.Coverage80, metrics.Width80, sorted);
    }

    /// <summary>The kit's <c>mase_scale</c>: lag-m seasonal naive's in-sample MAE, else lag 1's, else 1.</summary>
    public static double Scale(ReadOnlySpan<double> history, int seasonality)
    {
        var scale = MaseScale.Compute(history, seasonality);
        if (!(scale > 0))
        {
            scale = MaseScale.Compute(history, 1);
        }

        return double.IsFinite(scale) && scale > 0 ? scale : 1;
    }
}
