namespace ForecastService.Core.Evaluation;

/// <summary>
/// The denominator of the mean absolute scaled error (Hyndman and Koehler 2006): the mean absolute seasonal
/// difference of a series' history, i.e. the in-sample one-season-ahead error of seasonal naive.
/// </summary>
/// <remarks>
/// Callers pass only the observations before the forecast origin, so the scale never sees the values being scored.
/// The trainer passes each series' whole history before the origin (a steadier scale than one window); a backtest
/// that only has a window may pass that window, which is still leakage-free.
/// </remarks>
public static class MaseScale
{
    /// <summary>
    /// Mean of |y[t] − y[t − seasonality]| over the history, or NaN when the history is not longer than one season
    /// (there is no seasonal difference to average).
    /// </summary>
    public static double Compute(ReadOnlySpan<double> history, int seasonality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonality, 1);
        if (history.Length <= seasonality)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var t = seasonality; t < history.Length; t++)
        {
            sum += Math.Abs(history[t] - history[t - seasonality]);
        }

        return sum / (history.Length - seasonality);
    }
}
