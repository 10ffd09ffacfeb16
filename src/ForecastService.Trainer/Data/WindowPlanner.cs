namespace ForecastService.Trainer.Data;

/// <summary>
/// Splits each series chronologically by where window targets fall: the first steps feed training targets, the next
/// validation targets (early stopping), the last test targets (held out). A window belongs to a split when all its
/// targets lie inside that split's steps, so every test target comes after every training and validation target of
/// its series. Inputs may reach back into earlier splits: those values are history the forecaster is allowed to see.
/// </summary>
public static class WindowPlanner
{
    public static WindowSplit Plan(IReadOnlyList<int> seriesLengths, SplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(seriesLengths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TrainStride, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EvaluationStride, 1);
        if (options.ValidationFraction is < 0 or >= 1 || options.TestFraction is <= 0 or >= 1 || options.ValidationFraction + options.TestFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Validation and test fractions must be in [0, 1) and (0, 1) and sum to less than 1.");
        }

        var train = new List<WindowOrigin>();
        var validation = new List<WindowOrigin>();
        var test = new List<WindowOrigin>();
        for (var s = 0; s < seriesLengths.Count; s++)
        {
            var (trainEnd, validationEnd) = Boundaries(seriesLengths[s], options);
            var n = seriesLengths[s];

            // Test windows are anchored at the end of the series, so the newest data is always scored.
            AddBackwards(test, s, Math.Max(validationEnd, options.Lookback), n, options.Horizon, options.EvaluationStride);
            AddBackwards(validation, s, Math.Max(trainEnd, options.Lookback), validationEnd, options.Horizon, options.EvaluationStride);
            AddBackwards(train, s, options.Lookback, trainEnd, options.Horizon, options.TrainStride);
        }

        train.Sort(CompareOrigins);
        validation.Sort(CompareOrigins);
        test.Sort(CompareOrigins);
        return new WindowSplit(train, validation, test);
    }

    /// <summary>
    /// Every window of each series for a backtest, <paramref name="stride"/> steps apart and anchored so the last one
    /// ends with the series; series shorter than lookback + horizon get none.
    /// </summary>
    public static IReadOnlyList<WindowOrigin> All(IReadOnlyList<int> seriesLengths, int lookback, int horizon, int stride)
    {
        ArgumentNullException.ThrowIfNull(seriesLengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var windows = new List<WindowOrigin>();
        for (var s = 0; s < seriesLengths.Count; s++)
        {
            AddBackwards(windows, s, lookback, seriesLengths[s], horizon, stride);
        }

        windows.Sort(CompareOrigins);
        return windows;
    }

    /// <summary>Index where validation targets start and where test targets start.</summary>
    public static (int TrainEnd, int ValidationEnd) Boundaries(int length, SplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validationEnd = length - (int)Math.Round(length * options.TestFraction);
        var trainEnd = validationEnd - (int)Math.Round(length * options.ValidationFraction);
        return (trainEnd, validationEnd);
    }

    /// <summary>Adds windows whose targets lie in [from, to), the last one ending exactly at <paramref name="to"/>.</summary>
    private static void AddBackwards(List<WindowOrigin> windows, int series, int from, int to, int horizon, int stride)
    {
        for (var origin = to - horizon; origin >= from; origin -= stride)
        {
            windows.Add(new WindowOrigin(series, origin));
        }
    }

    private static int CompareOrigins(WindowOrigin a, WindowOrigin b) =>
        a.Series != b.Series ? a.Series.CompareTo(b.Series) : a.Origin.CompareTo(b.Origin);
}
