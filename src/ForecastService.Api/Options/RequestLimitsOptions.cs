using System.ComponentModel.DataAnnotations;
using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Options;

/// <summary>Bounds on one forecast call (section <c>RequestLimits</c>); a call over them gets 413.</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Series per call.</summary>
    /// <value>1 to 100 000; default 1 000.</value>
    [Range(1, 100_000, ErrorMessage = "RequestLimits:MaxSeries must be between 1 and 100000.")]
    public int MaxSeries { get; set; } = RequestLimits.Default.MaxSeries;

    /// <summary>Values per series.</summary>
    /// <value>1 to 10 000 000; default 100 000.</value>
    [Range(1, 10_000_000, ErrorMessage = "RequestLimits:MaxPointsPerSeries must be between 1 and 10000000.")]
    public int MaxPointsPerSeries { get; set; } = RequestLimits.Default.MaxPointsPerSeries;

    /// <summary>Values over all series of one call.</summary>
    /// <value>1 to 100 000 000; default 2 000 000.</value>
    [Range(1, 100_000_000, ErrorMessage = "RequestLimits:MaxTotalPoints must be between 1 and 100000000.")]
    public int MaxTotalPoints { get; set; } = RequestLimits.Default.MaxTotalPoints;

    /// <summary>Entries in a forecast's <c>levels</c> (repeats are answered once); a longer list is a 400.</summary>
    /// <value>1 to 1 000; default 16.</value>
    [Range(1, 1_000, ErrorMessage = "RequestLimits:MaxLevels must be between 1 and 1000.")]
    public int MaxLevels { get; set; } = RequestLimits.Default.MaxLevels;

    /// <summary>
    /// Numbers one forecast answer may carry (series × horizon × (median + quantiles + 2 per level + timestamp)); a
    /// request whose answer would be larger is a 413 that names this setting.
    /// </summary>
    /// <value>1 000 to 1 000 000 000; default 2 000 000.</value>
    [Range(1_000, 1_000_000_000, ErrorMessage = "RequestLimits:MaxResponseValues must be between 1000 and 1000000000.")]
    public int MaxResponseValues { get; set; } = RequestLimits.Default.MaxResponseValues;

    /// <summary>Bytes of one request body.</summary>
    /// <value>1 KiB to 1 GiB; default 32 MiB.</value>
    [Range(1024, 1L << 30, ErrorMessage = "RequestLimits:MaxBodyBytes must be between 1024 and 1073741824.")]
    public long MaxBodyBytes { get; set; } = 32L << 20;

    internal RequestLimits ToLimits() => new(MaxSeries, MaxPointsPerSeries, MaxTotalPoints) { MaxLevels = MaxLevels, MaxResponseValues = MaxResponseValues };
}
