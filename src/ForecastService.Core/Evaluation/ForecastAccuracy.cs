using ForecastService.Core.Models;

namespace ForecastService.Core.Evaluation;

/// <summary>
/// Accumulates the accuracy of forecast windows into <see cref="ForecastMetrics"/>: MASE, sMAPE and MAE of the point
/// (median) forecast, and the coverage and mean width of the central 80% interval. Every forecast step of every window
/// weighs the same.
/// </summary>
/// <remarks>
/// MASE divides each window's absolute errors by that window's <see cref="MaseScale"/>; windows whose scale is zero or
/// undefined (a flat or too-short history) are left out of MASE only. sMAPE is in percent (0–200), a step where actual
/// and forecast are both zero counts as 0. MAE and width are in the series' own units, so across series of different
/// levels they are dominated by the largest; MASE and coverage are the scale-free figures to compare models by.
/// </remarks>
public sealed class ForecastAccuracy
{
    private double _absoluteError;
    private double _scaledError;
    private long _scaledSteps;
    private double _smape;
    private long _covered;
    private double _width;
    private long _steps;

    /// <summary>Number of windows added.</summary>
    public int Windows { get; private set; }

    /// <summary>Adds one window: actuals, point forecasts and the 80% interval bounds, all of the same length.</summary>
    public void Add(ReadOnlySpan<double> actual, ReadOnlySpan<double> point, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double maseScale)
    {
        if (point.Length != actual.Length || lower.Length != actual.Length || upper.Length != actual.Length)
        {
            throw new ArgumentException("Actuals, forecasts and bounds must have the same length.", nameof(point));
        }

        var scaled = double.IsFinite(maseScale) && maseScale > 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = Math.Abs(actual[i] - point[i]);
            _absoluteError += error;
            if (scaled)
            {
                _scaledError += error / maseScale;
            }

            var denominator = Math.Abs(actual[i]) + Math.Abs(point[i]);
            _smape += denominator == 0 ? 0 : 200 * error / denominator;
            if (actual[i] >= lower[i] && actual[i] <= upper[i])
            {
                _covered++;
            }

            _width += upper[i] - lower[i];
        }

        _steps += actual.Length;
        if (scaled)
        {
            _scaledSteps += actual.Length;
        }

        Windows++;
    }

    /// <summary>The metrics over everything added; NaN where nothing was added.</summary>
    public ForecastMetrics ToMetrics()
    {
        var steps = _steps == 0 ? double.NaN : _steps;
        return new ForecastMetrics(
            Mase: _scaledSteps == 0 ? double.NaN : _scaledError / _scaledSteps,
            Smape: _smape / steps,
            Mae: _absoluteError / steps,
            Coverage80: _covered / steps,
            Width80: _width / steps);
    }
}
