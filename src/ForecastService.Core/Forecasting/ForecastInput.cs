namespace ForecastService.Core.Forecasting;

/// <summary>
/// The window model's three input tensors for a batch of windows, row-major (see models/README.md):
/// values [batch, lookback], past covariates [batch, lookback, covariates], future covariates [batch, horizon, covariates].
/// </summary>
public sealed class ForecastInput
{
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
        Values = new float[batchSize * lookback];
        PastCovariates = new float[batchSize * lookback * covariates];
        FutureCovariates = new float[batchSize * horizon * covariates];
    }

    public int BatchSize { get; }

    public int Lookback { get; }

    public int Horizon { get; }

    public int Covariates { get; }

    public float[] Values { get; }

    public float[] PastCovariates { get; }

    public float[] FutureCovariates { get; }

    public long[] ValuesShape => [BatchSize, Lookback];

    public long[] PastCovariatesShape => [BatchSize, Lookback, Covariates];

    public long[] FutureCovariatesShape => [BatchSize, Horizon, Covariates];

    /// <summary>Writes the model's inputs for each window, in order: raw values and the calendar covariates of their timestamps.</summary>
    public static ForecastInput FromWindows(IReadOnlyList<SeriesWindow> windows, ModelSignature model)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(model);
        var input = new ForecastInput(windows.Count, model.Lookback, model.Horizon, model.CovariateCount);
        var pastStride = model.Lookback * model.CovariateCount;
        var futureStride = model.Horizon * model.CovariateCount;
        for (var b = 0; b < windows.Count; b++)
        {
            var window = windows[b];
            if (window.Values.Length != model.Lookback || window.PastTimestamps.Length != model.Lookback || window.FutureTimestamps.Length != model.Horizon)
            {
                throw new ArgumentException($"Window {b} does not match model '{model.Name}' (lookback {model.Lookback}, horizon {model.Horizon}).", nameof(windows));
            }

            window.Values.CopyTo(input.Values.AsSpan(b * model.Lookback, model.Lookback));
            model.Features.Compute(window.PastTimestamps, input.PastCovariates.AsSpan(b * pastStride, pastStride));
            model.Features.Compute(window.FutureTimestamps, input.FutureCovariates.AsSpan(b * futureStride, futureStride));
        }

        return input;
    }
}
