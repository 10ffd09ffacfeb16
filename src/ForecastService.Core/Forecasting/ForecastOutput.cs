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

    /// <summary>True when every value of window <paramref name="b"/> is a finite number (JSON has no NaN or Infinity).</summary>
    public bool IsFinite(int b)
    {
        var row = Horizon * QuantileCount;
        foreach (var value in Quantiles.AsSpan(b * row, row))
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of quantile <paramref name="q"/> at step <paramref name="h"/> of window <paramref name="b"/>.</summary>
    public float this[int b, int h, int q] => Quantiles[(((b * Horizon) + h) * QuantileCount) + q];
}
