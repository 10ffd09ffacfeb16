using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>
/// Runs an analysis's windows through a forecaster in large calls, one call at a time: each call is big enough for
/// the forecaster (or the dynamic batcher in front of it) to fill whole batches, and small enough that a scan of a
/// long history neither holds every window's tensors at once nor floods the batch queue other requests share.
/// </summary>
public static class ModelWindowRunner
{
    /// <summary>Runs every window and hands each answer, with its row in the output, to <paramref name="onForecast"/>, in window order.</summary>
    public static async Task RunAsync(
        IForecaster forecaster,
        ModelWindowWriter writer,
        IReadOnlyList<AnalysisWindow> windows,
        int windowsPerCall,
        Action<AnalysisWindow, ForecastOutput, int> onForecast,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(onForecast);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowsPerCall, 1);
        for (var first = 0; first < windows.Count; first += windowsPerCall)
        {
            var count = Math.Min(windowsPerCall, windows.Count - first);
            var output = await forecaster.ForecastAsync(writer.Write(windows, first, count), cancellationToken);
            for (var b = 0; b < count; b++)
            {
                onForecast(windows[first + b], output, b);
            }
        }
    }
}
