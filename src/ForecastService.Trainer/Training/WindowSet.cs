namespace ForecastService.Trainer.Training;

/// <summary>
/// A batch of raw (unscaled) forecasting windows in row-major float arrays: the network scales each window itself,
/// so callers never normalize. Arrays are owned by the set and read, never written, by the network and trainer.
/// </summary>
public sealed class WindowSet
{
    /// <summary>Creates a window set and checks that every array has the length its shape implies.</summary>
    /// <param name="count">Number of windows.</param>
    /// <param name="lookback">Observed steps per window (L).</param>
    /// <param name="horizon">Steps to forecast (H).</param>
    /// <param name="covariateCount">Calendar covariates per step (C).</param>
    /// <param name="values">[count, lookback] raw observed values.</param>
    /// <param name="pastCovariates">[count, lookback, C] covariates of the observed steps.</param>
    /// <param name="futureCovariates">[count, horizon, C] covariates of the steps to forecast.</param>
    /// <param name="targets">[count, horizon] raw targets, or an empty array for pure inference.</param>
    /// <param name="seriesIndex">[count] index of the input series each window came from.</param>
    public WindowSet(
        int count,
        int lookback,
        int horizon,
        int covariateCount,
        float[] values,
        float[] pastCovariates,
        float[] futureCovariates,
        float[] targets,
        int[] seriesIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(covariateCount);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(pastCovariates);
        ArgumentNullException.ThrowIfNull(futureCovariates);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(seriesIndex);
        CheckLength(values, (long)count * lookback, nameof(values));
        CheckLength(pastCovariates, (long)count * lookback * covariateCount, nameof(pastCovariates));
        CheckLength(futureCovariates, (long)count * horizon * covariateCount, nameof(futureCovariates));
        if (targets.Length != 0)
        {
            CheckLength(targets, (long)count * horizon, nameof(targets));
        }

        CheckLength(seriesIndex, count, nameof(seriesIndex));
        Count = count;
        Lookback = lookback;
        Horizon = horizon;
        CovariateCount = covariateCount;
        Values = values;
        PastCovariates = pastCovariates;
        FutureCovariates = futureCovariates;
        Targets = targets;
        SeriesIndex = seriesIndex;
    }

    /// <summary>Number of windows.</summary>
    public int Count { get; }

    /// <summary>Observed steps per window (L).</summary>
    public int Lookback { get; }

    /// <summary>Steps to forecast per window (H).</summary>
    public int Horizon { get; }

    /// <summary>Calendar covariates per step (C).</summary>
    public int CovariateCount { get; }

    /// <summary>[Count, Lookback] raw observed values.</summary>
    public float[] Values { get; }

    /// <summary>[Count, Lookback, C] calendar covariates of the observed steps.</summary>
    public float[] PastCovariates { get; }

    /// <summary>[Count, Horizon, C] calendar covariates of the steps to forecast.</summary>
    public float[] FutureCovariates { get; }

    /// <summary>[Count, Horizon] raw targets; empty for pure inference.</summary>
    public float[] Targets { get; }

    /// <summary>Which input series each window came from.</summary>
    public int[] SeriesIndex { get; }

    /// <summary>Whether targets are present.</summary>
    public bool HasTargets => Targets.Length != 0 || Count == 0;

    /// <summary>Copies windows [start, start + length) into a new set.</summary>
    public WindowSet Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Count);
        var rows = new int[length];
        for (var i = 0; i < length; i++)
        {
            rows[i] = start + i;
        }

        return Subset(rows);
    }

    /// <summary>Copies the given windows, in the given order, into a new set.</summary>
    public WindowSet Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var n = rows.Count;
        var c = CovariateCount;
        var values = new float[n * Lookback];
        var past = new float[n * Lookback * c];
        var future = new float[n * Horizon * c];
        var targets = Targets.Length == 0 ? [] : new float[n * Horizon];
        var series = new int[n];
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            ArgumentOutOfRangeException.ThrowIfNegative(r);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(r, Count);
            Array.Copy(Values, r * Lookback, values, i * Lookback, Lookback);
            Array.Copy(PastCovariates, r * Lookback * c, past, i * Lookback * c, Lookback * c);
            Array.Copy(FutureCovariates, r * Horizon * c, future, i * Horizon * c, Horizon * c);
            if (targets.Length != 0)
            {
                Array.Copy(Targets, r * Horizon, targets, i * Horizon, Horizon);
            }

            series[i] = SeriesIndex[r];
        }

        return new WindowSet(n, Lookback, Horizon, c, values, past, future, targets, series);
    }

    private static void CheckLength(Array array, long expected, string name)
    {
        if (array.Length != expected)
        {
            throw new ArgumentException($"{name} has {array.Length} elements; the shape needs {expected}.", name);
        }
    }
}
