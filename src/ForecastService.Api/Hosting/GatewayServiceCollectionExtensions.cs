using System.Net;
using ForecastService.Api.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Running behind a gateway: forwarded headers from trusted proxies, path base and client address.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Honours <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Prefix</c> from the proxies
    /// configured under <c>ForwardedHeaders</c> (and from no one else), so that the service works under the gateway's
    /// path prefix (<c>/forecast/swagger</c>, with every generated URL carrying the prefix) and logs the real client
    /// address. Adds its middleware at the start of the pipeline.
    /// </summary>
    public static IServiceCollection AddGatewaySupport(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();

        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) => Apply(trusted.Value, forwarded));

        services.AddSingleton<IStartupFilter, ForwardedHeadersStartupFilter>();
        return services;
    }

    private static void Apply(TrustedProxyOptions trusted, ForwardedHeadersOptions forwarded)
    {
        // X-Forwarded-Host is left out on purpose: the gateway passes the original Host header through.
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedPrefix;

        // Only the last hop (the address the gateway itself saw) is believed; anything a client put in
        // X-Forwarded-For before the gateway appended to it is ignored.
        forwarded.ForwardLimit = 1;

        if (trusted.KnownProxies.Count == 0 && trusted.KnownNetworks.Count == 0)
        {
            return; // ASP.NET Core's default: loopback proxies only.
        }

        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in trusted.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in trusted.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
