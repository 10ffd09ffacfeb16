using System.ComponentModel.DataAnnotations;
using ForecastService.Core.Analysis;

namespace ForecastService.Api.Analysis;

/// <summary>
/// Bounds on backtests and anomaly scans (section <c>Analysis</c>). One such request runs the model many times, so
/// it has its own limits on top of <c>RequestLimits</c>: more windows than allowed is a 400, more model runs a 413.
/// </summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    /// <summary>Backtest origins per series.</summary>
    /// <value>1 to 100 000; default 1 000.</value>
    [Range(1, 100_000, ErrorMessage = "Analysis:MaxWindows must be between 1 and 100000.")]
    public int MaxWindows { get; set; } = AnalysisLimits.Default.MaxWindows;

    /// <summary>Model windows one request may run: series × windows for a backtest, checked observations for an anomaly scan.</summary>
    /// <value>1 to 10 000 000; default 50 000.</value>
    [Range(1, 10_000_000, ErrorMessage = "Analysis:MaxModelWindows must be between 1 and 10000000.")]
    public int MaxModelWindows { get; set; } = AnalysisLimits.Default.MaxModelWindows;

    /// <summary>
    /// Windows handed to the model (or its dynamic batcher) per call. Large enough to fill batches, small enough that a
    /// long scan does not hold every window's tensors at once or fill the batch queue other requests share.
    /// </summary>
    /// <value>1 to 4 096; default 256.</value>
    [Range(1, 4096, ErrorMessage = "Analysis:WindowsPerCall must be between 1 and 4096.")]
    public int WindowsPerCall { get; set; } = 256;

    internal AnalysisLimits ToLimits() => new(MaxWindows, MaxModelWindows);
}
