using System.Buffers;
using ForecastService.Core.Forecasting;

namespace ForecastService.Inference.Batching;

/// <summary>
/// One worker's tensors for a full batch, rented once when the worker starts and returned when it stops, so a run
/// allocates no tensor buffers. Only the owning worker touches them.
/// </summary>
internal sealed class BatchBuffers : IDisposable
{
    public BatchBuffers(ModelSignature signature, int maxBatchSize)
    {
        Lookback = signature.Lookback;
        Horizon = signature.Horizon;
        Covariates = signature.CovariateCount;
        QuantileCount = signature.Quantiles.Count;
        Values = ArrayPool<float>.Shared.Rent(maxBatchSize * Lookback);
        PastCovariates = ArrayPool<float>.Shared.Rent(Math.Max(1, maxBatchSize * Lookback * Covariates));
        FutureCovariates = ArrayPool<float>.Shared.Rent(Math.Max(1, maxBatchSize * Horizon * Covariates));
        Output = ArrayPool<float>.Shared.Rent(maxBatchSize * Horizon * QuantileCount);
    }

    public int Lookback { get; }

    public int Horizon { get; }

    public int Covariates { get; }

    public int QuantileCount { get; }

    public float[] Values { get; }

    public float[] PastCovariates { get; }

    public float[] FutureCovariates { get; }

    public float[] Output { get; }

    /// <summary>Writes windows [offset, offset + count) of <paramref name="input"/> to batch rows starting at <paramref name="row"/>.</summary>
    public void CopyIn(ForecastInput input, int offset, int count, int row)
    {
        input.WriteTo(
            offset,
            count,
            Values.AsSpan(row * Lookback, count * Lookback),
            PastCovariates.AsSpan(row * Lookback * Covariates, count * Lookback * Covariates),
            FutureCovariates.AsSpan(row * Horizon * Covariates, count * Horizon * Covariates));
    }

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(Values);
        ArrayPool<float>.Shared.Return(PastCovariates);
        ArrayPool<float>.Shared.Return(FutureCovariates);
        ArrayPool<float>.Shared.Return(Output);
    }
}
