using System.ComponentModel.DataAnnotations;

namespace ForecastService.Api.Security;

/// <summary>
/// Kestrel's connection-level guards against slow clients (section <c>Server</c>): a client that trickles its headers
/// or body holds a connection and a buffer, so both have a deadline.
/// </summary>
public sealed class ServerLimitsOptions
{
    public const string SectionName = "Server";

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
}
