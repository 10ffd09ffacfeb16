using System.ComponentModel.DataAnnotations;

namespace ForecastService.Api.Streaming;

/// <summary>
/// Limits of stateful streaming (section <c>Streaming</c>). Stream state lives in this process's memory only: it
/// is lost on restart, and each replica holds its own streams (the gateway routes by stream id).
/// </summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>Streams held at once; warming one more is refused with 503 and <c>Retry-After</c>.</summary>
    /// <value>1 to 1 000 000; default 10 000 (a stream costs a few KiB: its state, scaling and last forecast).</value>
    [Range(1, 1_000_000, ErrorMessage = "Streaming:MaxStreams must be between 1 and 1000000.")]
    public int MaxStreams { get; set; } = 10_000;

    /// <summary>A stream without any call for this long is dropped; its id then answers 404.</summary>
    /// <value>1 second to 7 days; default 30 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Streaming:IdleTimeout must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often idle streams are swept out (an expired stream answers 404 even between sweeps).</summary>
    /// <value>50 milliseconds to 1 hour; default 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Streaming:SweepInterval must be between 00:00:00.050 and 01:00:00.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>New points in one observations call.</summary>
    /// <value>1 to 100 000; default 1 000.</value>
    [Range(1, 100_000, ErrorMessage = "Streaming:MaxPointsPerObservation must be between 1 and 100000.")]
    public int MaxPointsPerObservation { get; set; } = 1_000;
}
