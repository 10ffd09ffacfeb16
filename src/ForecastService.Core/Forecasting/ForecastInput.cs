namespace ForecastService.Core.Forecasting;

/// <summary>
/// The window model's three input tensors for a batch of windows, row-major (see models/README.md):
/// values [batch, lookback], past covariates [batch, lookback, covariates], future covariates [batch, horizon, covariates].
/// </summary>
public sealed class ForecastInput
{
    private readonly IReadOnlyList<SeriesWindow>? _windows;
    private readonly ModelSignature? _model;
    private readonly Lock _materializing = new();
    private float[]? _values;
    private float[]? _pastCovariates;
    private float[]? _futureCovariates;

    /// <summary>An input whose arrays the caller fills.</summary>
    public ForecastInput(int batchSize, int lookback, int horizon, int covariates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(covariates);
        BatchSize = batchSize;
        Lookback = lookback;
        Horizon = horizon;
        Covariates = covariates;
        _values = new float[batchSize * lookback];
        _pastCovariates = new float[batchSize * lookback * covariates];
        _futureCovariates = new float[batchSize * horizon * covariates];
    }

    private ForecastInput(IReadOnlyList<SeriesWindow> windows, ModelSignature model)
    {
        BatchSize = windows.Count;
        Lookback = model.Lookback;
        Horizon = model.Horizon;
        Covariates = model.CovariateCount;
        _windows = windows;
        _model = model;
    }

    public int BatchSize { get; }

    public int Lookback { get; }

    public int Horizon { get; }

    public int Covariates { get; }

    public float[] Values => _values ?? Materialize().Values;

    public float[] PastCovariates => _pastCovariates ?? Materialize().PastCovariates;

    public float[] FutureCovariates => _futureCovariates ?? Materialize().FutureCovariates;

    public long[] ValuesShape => [BatchSize, Lookback];

    public long[] PastCovariatesShape => [BatchSize, Lookback, Covariates];

    public long[] FutureCovariatesShape => [BatchSize, Horizon, Covariates];

    /// <summary>
    /// The model's inputs for each window, in order: raw values and the calendar covariates of their timestamps. They
    /// are written only when wanted: straight into a batch's buffers by <see cref="WriteTo"/> (a queued call), or into
    /// this input's own arrays the first time one is read (a call run on its own).
    /// </summary>
    public static ForecastInput FromWindows(IReadOnlyList<SeriesWindow> windows, ModelSignature model)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(windows.Count, 1, nameof(windows));
        for (var b = 0; b < windows.Count; b++)
        {
            var window = windows[b];
            if (window.Values.Length != model.Lookback || window.PastTimestamps.Length != model.Lookback || window.FutureTimestamps.Length != model.Horizon)
            {
                throw new ArgumentException($"Window {b} does not match model '{model.Name}' (lookback {model.Lookback}, horizon {model.Horizon}).", nameof(windows));
            }
        }

        return new ForecastInput(windows, model);
    }

    /// <summary>
    /// Writes windows [<paramref name="offset"/>, offset + count) to the start of each destination (rows of a batch),
    /// computing the covariates there when this input came from windows, so a queued call is written once.
    /// </summary>
    public void WriteTo(int offset, int count, Span<float> values, Span<float> pastCovariates, Span<float> futureCovariates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, BatchSize, nameof(count));
        int l = Lookback, h = Horizon, c = Covariates;
        if (_values is { } ownValues)
        {
            ownValues.AsSpan(offset * l, count * l).CopyTo(values);
            _pastCovariates.AsSpan(offset * l * c, count * l * c).CopyTo(pastCovariates);
            _futureCovariates.AsSpan(offset * h * c, count * h * c).CopyTo(futureCovariates);
            return;
        }

        for (var b = 0; b < count; b++)
        {
            var window = _windows![offset + b];
            window.Values.CopyTo(values.Slice(b * l, l));
            _model!.Features.Compute(window.PastTimestamps, pastCovariates.Slice(b * l * c, l * c));
            _model.Features.Compute(window.FutureTimestamps, futureCovariates.Slice(b * h * c, h * c));
        }
    }

    private (float[] Values, float[] PastCovariates, float[] FutureCovariates) Materialize()
    {
        lock (_materializing)
        {
            if (_values is null)
            {
                var values = new float[BatchSize * Lookback];
                var past = new float[BatchSize * Lookback * Covariates];
                var future = new float[BatchSize * Horizon * Covariates];
                WriteTo(0, BatchSize, values, past, future);
                _pastCovariates = past;
                _futureCovariates = future;
                Volatile.Write(ref _values, values);
            }

            return (_values, _pastCovariates!, _futureCovariates!);
        }
    }
}
