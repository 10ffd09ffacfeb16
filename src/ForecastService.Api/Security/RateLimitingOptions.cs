using System.ComponentModel.DataAnnotations;

namespace ForecastService.Api.Security;

/// <summary>
/// Per-client request rates and a cap on requests in flight for the forecast API (section <c>RateLimiting</c>).
/// Health, metrics and Swagger are never limited: probes must get through a busy server.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Whether the per-client rate limit applies; over it a client gets 429 with <c>Retry-After</c>.</summary>
    /// <value>Default true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client (one remote address) may make per <see cref="Window"/>.</summary>
    /// <value>1 to 1 000 000; default 200.</value>
    [Range(1, 1_000_000, ErrorMessage = "RateLimiting:PermitLimit must be between 1 and 1000000.")]
    public int PermitLimit { get; set; } = 200;

    /// <summary>The fixed window the permits are counted in.</summary>
    /// <value>100 ms to 1 hour; default 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "RateLimiting:Window must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Forecast API requests served at once, over all clients.</summary>
    /// <value>1 to 10 000; default 64.</value>
    [Range(1, 10_000, ErrorMessage = "RateLimiting:MaxConcurrentRequests must be between 1 and 10000.")]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests that may wait for a slot when all are taken; beyond that the answer is 503 with <c>Retry-After</c>.</summary>
    /// <value>0 to 100 000; default 256.</value>
    [Range(0, 100_000, ErrorMessage = "RateLimiting:QueueLimit must be between 0 and 100000.")]
    public int QueueLimit { get; set; } = 256;
}
