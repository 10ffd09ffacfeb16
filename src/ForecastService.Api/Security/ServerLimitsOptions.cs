using System.ComponentModel.DataAnnotations;

namespace ForecastService.Api.Security;

/// <summary>
/// Kestrel's connection-level guards (section <c>Server</c>): a client that trickles its headers or body holds a
/// connection and a buffer, so both have a deadline; the request target and headers have size limits.
/// </summary>
/// <remarks>
/// Kestrel answers a request over its own limits before the application runs, with a bare status and no body. So
/// Kestrel's limits are set to <see cref="HardLimitFactor"/> times these, and the service enforces these itself
/// (414, 431 as problem+json): only a request past the hard limits gets Kestrel's bare answer.
/// </remarks>
public sealed class ServerLimitsOptions
{
    public const string SectionName = "Server";

    /// <summary>Kestrel's own limits are this many times the ones the service answers with a problem.</summary>
    public const int HardLimitFactor = 2;

    /// <summary>How long a client may take to send all request headers.</summary>
    /// <value>1 second to 5 minutes; default 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Server:RequestHeadersTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The slowest request body accepted, in bytes per second, averaged after the grace period; slower gets 408.</summary>
    /// <value>1 to 10 000 000; default 240 (Kestrel's own default).</value>
    [Range(1, 10_000_000, ErrorMessage = "Server:MinRequestBodyBytesPerSecond must be between 1 and 10000000.")]
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a body may be slower than <see cref="MinRequestBodyBytesPerSecond"/> before it is cut off.</summary>
    /// <value>2 seconds (Kestrel needs more than 1) to 5 minutes; default 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:02", "00:05:00", ErrorMessage = "Server:MinRequestBodyGracePeriod must be between 00:00:02 and 00:05:00.")]
    public TimeSpan MinRequestBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle keep-alive connection stays open.</summary>
    /// <value>1 second to 1 hour; default 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Server:KeepAliveTimeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Bytes of the request target (path and query, as sent); longer gets 414.</summary>
    /// <value>256 to 1 048 576; default 8 192 (Kestrel's own default for the whole request line).</value>
    [Range(256, 1 << 20, ErrorMessage = "Server:MaxRequestTargetBytes must be between 256 and 1048576.")]
    public int MaxRequestTargetBytes { get; set; } = 8 * 1024;

    /// <summary>Header lines of one request; more gets 431.</summary>
    /// <value>1 to 1 000; default 100 (Kestrel's own default).</value>
    [Range(1, 1_000, ErrorMessage = "Server:MaxRequestHeaderCount must be between 1 and 1000.")]
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Bytes of all request headers (names, values and separators); more gets 431.</summary>
    /// <value>1 024 to 1 048 576; default 32 768 (Kestrel's own default).</value>
    [Range(1024, 1 << 20, ErrorMessage = "Server:MaxRequestHeadersTotalBytes must be between 1024 and 1048576.")]
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;
}
