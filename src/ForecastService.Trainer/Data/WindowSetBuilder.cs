using ForecastService.Core.Time;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Data;

/// <summary>
/// Materialises planned windows as a <see cref="WindowSet"/>: raw values (the network scales each window itself),
/// calendar covariates of the observed and forecast timestamps, and raw targets.
/// </summary>
public sealed class WindowSetBuilder
{
    private readonly IReadOnlyList<TimeSeries> _series;
    private readonly float[][] _covariates;
    private readonly int _covariateCount;

    public WindowSetBuilder(IReadOnlyList<TimeSeries> series, CalendarFeatures features)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(features);
        _series = series;
        _covariateCount = features.Count;

        // Covariates of every timestamp once per series; windows then copy slices.
        _covariates = [.. series.Select(s =>
        {
            var all = new float[s.Length * features.Count];
            features.Compute(s.Timestamps, all);
            return all;
        })];
    }

    public WindowSet Build(IReadOnlyList<WindowOrigin> windows, int lookback, int horizon)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var n = windows.Count;
        var c = _covariateCount;
        var values = new float[n * lookback];
        var past = new float[n * lookback * c];
        var future = new float[n * horizon * c];
        var targets = new float[n * horizon];
        var seriesIndex = new int[n];
        for (var i = 0; i < n; i++)
        {
            var (s, origin) = windows[i];
            var series = _series[s];
            if (origin < lookback || origin + horizon > series.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(windows), $"Window {i} (series {s}, origin {origin}) does not fit a series of {series.Length} steps.");
            }

            for (var t = 0; t < lookback; t++)
            {
                values[(i * lookback) + t] = (float)series.Values[origin - lookback + t];
            }

            for (var t = 0; t < horizon; t++)
            {
                targets[(i * horizon) + t] = (float)series.Values[origin + t];
            }

            Array.Copy(_covariates[s], (origin - lookback) * c, past, i * lookback * c, lookback * c);
            Array.Copy(_covariates[s], origin * c, future, i * horizon * c, horizon * c);
            seriesIndex[i] = s;
        }

        return new WindowSet(n, lookback, horizon, c, values, past, future, targets, seriesIndex);
    }
}
