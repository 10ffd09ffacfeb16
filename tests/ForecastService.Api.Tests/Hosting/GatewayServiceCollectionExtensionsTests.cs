using System.Net;
using ForecastService.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Tests.Hosting;

public sealed class GatewayServiceCollectionExtensionsTests
{
    [Fact]
    public void AddGatewaySupport_WithConfiguredProxyAndNetwork_TrustsOnlyThose()
    {
        using var provider = Build(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = "172.28.0.10",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.42.0.0/16",
        });

        var options = provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.Parse("172.28.0.10")], options.KnownProxies);
        Assert.Equal([new System.Net.IPNetwork(IPAddress.Parse("10.42.0.0"), 16)], options.KnownIPNetworks);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedPrefix, options.ForwardedHeaders);
        Assert.Equal(1, options.ForwardLimit);
    }

    [Fact]
    public void AddGatewaySupport_WithNothingConfigured_KeepsTrustingLoopbackOnly()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Equal([new System.Net.IPNetwork(IPAddress.Parse("127.0.0.0"), 8)], options.KnownIPNetworks);
    }

    [Fact]
    public void AddGatewaySupport_WithUnparsableEntries_FailsNamingEachKey()
    {
        using var provider = Build(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = "172.28.0.10",
            ["ForwardedHeaders:KnownProxies:1"] = "gateway",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.42.0.0/33",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TrustedProxyOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("ForwardedHeaders:KnownProxies:1 = 'gateway'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("ForwardedHeaders:KnownNetworks:0 = '10.42.0.0/33'", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGatewaySupport();
        return services.BuildServiceProvider();
    }
}
