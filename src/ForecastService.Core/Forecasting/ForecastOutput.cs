namespace ForecastService.Core.Forecasting;

/// <summary>
/// The window model's quantile forecasts on the raw scale. The model answers rows [batch, horizon, quantiles]; this
/// keeps each window's quantiles as columns ([batch, quantiles, horizon]), the layout of the API's answer, so a
/// response's median, quantiles and interval bounds are slices of it rather than copies (<see cref="ForecastShaper"/>).
/// </summary>
public sealed class ForecastOutput
{
    private readonly float[] _columns;

    private ForecastOutput(int batchSize, int horizon, int quantileCount, float[] columns)
    {
        BatchSize = batchSize;
        Horizon = horizon;
        QuantileCount = quantileCount;
        _columns = columns;
    }

    public int BatchSize { get; }

    public int Horizon { get; }

    public int QuantileCount { get; }

    /// <summary>The value of quantile <paramref name="q"/> at step <paramref name="h"/> of window <paramref name="b"/>.</summary>
    public float this[int b, int h, int q] => _columns[(((b * QuantileCount) + q) * Horizon) + h];

    /// <summary>From the model's rows [batch, horizon, quantiles], transposed into columns (one copy).</summary>
    public static ForecastOutput FromRows(int batchSize, int horizon, int quantileCount, ReadOnlySpan<float> rows)
    {
        Check(batchSize, horizon, quantileCount, rows.Length);
        var columns = GC.AllocateUninitializedArray<float>(rows.Length);
        TransposeRows(rows, batchSize, horizon, quantileCount, columns, 0);
        return new ForecastOutput(batchSize, horizon, quantileCount, columns);
    }

    /// <summary>Takes <paramref name="columns"/> [batch, quantiles, horizon] as it is, without copying.</summary>
    public static ForecastOutput FromColumns(int batchSize, int horizon, int quantileCount, float[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Check(batchSize, horizon, quantileCount, columns.Length);
        return new ForecastOutput(batchSize, horizon, quantileCount, columns);
    }

    /// <summary>
    /// Writes <paramref name="count"/> windows of model rows [count, horizon, quantiles] into columns starting at
    /// window <paramref name="first"/> of <paramref name="columns"/> [batch, quantiles, horizon]: how a batch's shared
    /// output buffer is handed to each call in one pass.
    /// </summary>
    public static void TransposeRows(ReadOnlySpan<float> rows, int count, int horizon, int quantileCount, Span<float> columns, int first)
    {
        var window = horizon * quantileCount;
        if (rows.Length < count * window || columns.Length < (first + count) * window)
        {
            throw new ArgumentException($"{count} windows of {horizon}×{quantileCount} do not fit the buffers ({rows.Length} rows, {columns.Length} columns from window {first}).");
        }

        for (var b = 0; b < count; b++)
        {
            var from = rows.Slice(b * window, window);
            var to = columns.Slice((first + b) * window, window);
            for (var h = 0; h < horizon; h++)
            {
                for (var q = 0; q < quantileCount; q++)
                {
                    to[(q * horizon) + h] = from[(h * quantileCount) + q];
                }
            }
        }
    }

    /// <summary>Quantile <paramref name="q"/> of window <paramref name="b"/> over the whole horizon: a slice, not a copy.</summary>
    public ReadOnlyMemory<float> Column(int b, int q)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(b, BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(q);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(q, QuantileCount);
        return _columns.AsMemory(((b * QuantileCount) + q) * Horizon, Horizon);
    }

    /// <summary>True when every value of window <paramref name="b"/> is a finite number (JSON has no NaN or Infinity).</summary>
    public bool IsFinite(int b)
    {
        var window = Horizon * QuantileCount;
        foreach (var value in _columns.AsSpan(b * window, window))
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy in the model's layout [batch, horizon, quantiles], for comparing with other model answers.</summary>
    public float[] ToRows()
    {
        var rows = new float[_columns.Length];
        for (var b = 0; b < BatchSize; b++)
        {
            for (var h = 0; h < Horizon; h++)
            {
                for (var q = 0; q < QuantileCount; q++)
                {
                    rows[(((b * Horizon) + h) * QuantileCount) + q] = this[b, h, q];
                }
            }
        }

        return rows;
    }

    private static void Check(int batchSize, int horizon, int quantileCount, int length)
    {
        if (length != batchSize * horizon * quantileCount)
        {
            throw new ArgumentException($"Expected {batchSize}×{horizon}×{quantileCount} values, got {length}.");
        }
    }
}
