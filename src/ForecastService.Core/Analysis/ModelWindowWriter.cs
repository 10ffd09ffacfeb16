using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>
/// Writes the model inputs of many windows of the same series straight from the whole history: the calendar covariates
/// of every timestamp (and of the model's horizon past the last one) are computed once per series, and each window
/// copies its slices, so a thousand overlapping windows cost a thousand copies rather than a thousand covariate passes.
/// </summary>
public sealed class ModelWindowWriter
{
    private readonly ModelSignature _model;
    private readonly float[][] _values;
    private readonly float[][] _covariates;

    public ModelWindowWriter(IReadOnlyList<AnalysisSeries> series, ModelSignature model)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _values = new float[series.Count][];
        _covariates = new float[series.Count][];
        var c = model.CovariateCount;
        for (var s = 0; s < series.Count; s++)
        {
            var history = series[s];

            // The same float conversion as the forecast endpoint's window.
            _values[s] = [.. history.Values.Select(v => (float)v)];

            // A window at the last origins reads the model's full horizon of future covariates, past the data's end.
            var timestamps = new DateTimeOffset[history.Length + model.Horizon];
            history.Timestamps.CopyTo(timestamps, 0);
            for (var t = history.Length; t < timestamps.Length; t++)
            {
                timestamps[t] = model.Calendar.Next(timestamps[t - 1]);
            }

            _covariates[s] = new float[timestamps.Length * c];
            model.Features.Compute(timestamps, _covariates[s]);
        }
    }

    /// <summary>The model inputs of <paramref name="count"/> windows starting at <paramref name="first"/>, one row each, in order.</summary>
    /// <exception cref="ArgumentException">A window has fewer than lookback points before its origin, or its origin lies past the series.</exception>
    public ForecastInput Write(IReadOnlyList<AnalysisWindow> windows, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var l = _model.Lookback;
        var h = _model.Horizon;
        var c = _model.CovariateCount;
        var input = new ForecastInput(count, l, h, c);
        for (var b = 0; b < count; b++)
        {
            var (s, origin) = windows[first + b];
            if (origin < l || origin > _values[s].Length)
            {
                throw new ArgumentException($"Window {first + b} has origin {origin}; series {s} allows {l} to {_values[s].Length}.", nameof(windows));
            }

            _values[s].AsSpan(origin - l, l).CopyTo(input.Values.AsSpan(b * l, l));
            _covariates[s].AsSpan((origin - l) * c, l * c).CopyTo(input.PastCovariates.AsSpan(b * l * c, l * c));
            _covariates[s].AsSpan(origin * c, h * c).CopyTo(input.FutureCovariates.AsSpan(b * h * c, h * c));
        }

        return input;
    }
}
