namespace ForecastService.Core.Forecasting;

/// <summary>The window model's output: quantiles [batch, horizon, quantiles], row-major, on the raw scale.</summary>
public sealed class ForecastOutput
{
    public ForecastOutput(int batchSize, int horizon, int quantileCount, float[] quantiles)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        if (quantiles.Length != batchSize * horizon * quantileCount)
        {
            throw new ArgumentException($"Expected {batchSize}×{horizon}×{quantileCount} values, got {quantiles.Length}.", nameof(quantiles));
        }

        BatchSize = batchSize;
        Horizon = horizon;
        QuantileCount = quantileCount;
        Quantiles = quantiles;
    }

    public int BatchSize { get; }

    public int Horizon { get; }

    public int QuantileCount { get; }

    public float[] Quantiles { get; }

    /// <summary>The value of quantile <paramref name="q"/> at step <paramref name="h"/> of window <paramref name="b"/>.</summary>
    public float this[int b, int h, int q] => Quantiles[(((b * Horizon) + h) * QuantileCount) + q];
}
