namespace ForecastService.Core.Analysis;

/// <summary>
/// Where a rolling-origin backtest cuts a series: origin k (k = 0 … windows − 1) is
/// o_k = n − horizon − (windows − 1 − k) · step, so the last window ends exactly at the last observation and earlier
/// ones step back by <c>step</c>. The model sees only the points before each origin.
/// </summary>
public static class RollingOrigins
{
    /// <summary>
    /// The fewest points a series needs: <paramref name="history"/> points before the first origin, then
    /// (windows − 1) · step + horizon more. Long, so absurd requests cannot overflow into a small number.
    /// </summary>
    public static long RequiredLength(int history, int horizon, int windows, int step) =>
        history + horizon + ((long)(windows - 1) * step);

    /// <summary>The origins of a series of <paramref name="length"/> points, ascending.</summary>
    /// <exception cref="ArgumentException">The series is shorter than the first origin allows (see <see cref="RequiredLength"/> with a history of 1).</exception>
    public static int[] Place(int length, int horizon, int windows, int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        if (RequiredLength(1, horizon, windows, step) > length)
        {
            throw new ArgumentException($"{windows} windows of horizon {horizon}, {step} apart, do not fit in {length} points.", nameof(length));
        }

        var origins = new int[windows];
        for (var k = 0; k < windows; k++)
        {
            origins[k] = length - horizon - ((windows - 1 - k) * step);
        }

        return origins;
    }
}
