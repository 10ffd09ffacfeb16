namespace ForecastService.Core.Evaluation;

/// <summary>
/// The seasonal naive baseline: each step is forecast by the last observed value one or more whole seasons earlier.
/// With a seasonality of 1 it is the random walk (the last value, repeated).
/// </summary>
/// <remarks>
/// Its prediction intervals, needed for a fair coverage comparison with a quantile model, are empirical: for step h
/// the forecast reaches k = ceil(h / m) seasons back, so the interval adds to the point forecast the quantiles of the
/// k-season differences y[t] − y[t − k·m] observed inside the same history window. These are the naive forecast's own
/// errors at that reach, so the intervals widen with the horizon the way the baseline's errors do (for a random walk
/// roughly with √h). When the window is too short for k seasons (fewer than two such differences), the largest reach
/// that still has two differences is used.
/// </remarks>
public static class SeasonalNaive
{
    private const int MinimumErrors = 2;

    /// <summary>The point forecasts of the next <paramref name="horizon"/> steps after <paramref name="history"/>.</summary>
    /// <exception cref="ArgumentException">The history is shorter than one season.</exception>
    public static double[] Point(ReadOnlySpan<double> history, int horizon, int seasonality)
    {
        Check(history, horizon, seasonality);
        var point = new double[horizon];
        var n = history.Length;
        for (var h = 1; h <= horizon; h++)
        {
            var reach = Reach(h, seasonality);
            point[h - 1] = history[n - 1 + h - (reach * seasonality)];
        }

        return point;
    }

    /// <summary>
    /// Quantile forecasts, row-major [horizon, levels.Length]: the point forecast plus the empirical quantiles of the
    /// history's own seasonal differences at the same reach (see remarks on the class).
    /// </summary>
    /// <exception cref="ArgumentException">The history is shorter than one season plus two observations.</exception>
    public static double[] Quantiles(ReadOnlySpan<double> history, int horizon, int seasonality, ReadOnlySpan<double> levels)
    {
        Check(history, horizon, seasonality);
        var maxReach = (history.Length - MinimumErrors) / seasonality;
        if (maxReach < 1)
        {
            throw new ArgumentException(
                $"Seasonal naive intervals need at least {seasonality + MinimumErrors} observations (seasonality {seasonality}), got {history.Length}.",
                nameof(history));
        }

        var point = Point(history, horizon, seasonality);
        var result = new double[horizon * levels.Length];
        var errors = new double[history.Length];
        var cachedReach = -1;
        var count = 0;
        for (var h = 1; h <= horizon; h++)
        {
            var reach = Math.Min(Reach(h, seasonality), maxReach);
            if (reach != cachedReach)
            {
                var lag = reach * seasonality;
                count = history.Length - lag;
                for (var t = lag; t < history.Length; t++)
                {
                    errors[t - lag] = history[t] - history[t - lag];
                }

                cachedReach = reach;
            }

            for (var q = 0; q < levels.Length; q++)
            {
                // OfUnsorted sorts in place; the sorted errors stay valid for the next level and step of the same reach.
                result[((h - 1) * levels.Length) + q] = point[h - 1] + EmpiricalQuantile.OfUnsorted(errors.AsSpan(0, count), levels[q]);
            }
        }

        return result;
    }

    private static int Reach(int step, int seasonality) => (step + seasonality - 1) / seasonality;

    private static void Check(ReadOnlySpan<double> history, int horizon, int seasonality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonality, 1);
        if (history.Length < seasonality)
        {
            throw new ArgumentException($"Seasonal naive needs at least one season ({seasonality} observations), got {history.Length}.", nameof(history));
        }
    }
}
