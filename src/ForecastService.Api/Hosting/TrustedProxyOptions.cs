namespace ForecastService.Api.Hosting;

/// <summary>
/// The proxies (the gateway) whose <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Prefix</c>
/// headers the service believes. Bound from the <c>ForwardedHeaders</c> section and validated at start.
/// </summary>
/// <remarks>
/// Forwarded headers from any other peer are ignored, so a client cannot choose the address the request log and the
/// rate limits see, nor the path base the generated URLs carry.
/// </remarks>
public sealed class TrustedProxyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>
    /// Gets the exact addresses of trusted proxies (<c>ForwardedHeaders:KnownProxies:0</c>, environment
    /// variable <c>ForwardedHeaders__KnownProxies__0</c>), for example <c>172.28.0.10</c>.
    /// </summary>
    /// <value>IPv4 or IPv6 addresses. Default: none. When neither this nor <see cref="KnownNetworks"/> is set, only
    /// loopback peers are trusted (ASP.NET Core's default); setting either replaces that default.</value>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>
    /// Gets the networks of trusted proxies in CIDR notation (<c>ForwardedHeaders:KnownNetworks:0</c>,
    /// environment variable <c>ForwardedHeaders__KnownNetworks__0</c>), for example <c>10.42.0.0/16</c>.
    /// </summary>
    /// <value>CIDR prefixes. Default: none (see <see cref="KnownProxies"/>).</value>
    public IList<string> KnownNetworks { get; } = [];
}
