using System.Net;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Hosting;

/// <summary>Fails the start when a trusted proxy entry does not parse, naming the configuration key.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{TrustedProxyOptions.SectionName}:{nameof(options.KnownProxies)}:{i} = '{options.KnownProxies[i]}' is not an IP address (for example 172.28.0.10).");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{TrustedProxyOptions.SectionName}:{nameof(options.KnownNetworks)}:{i} = '{options.KnownNetworks[i]}' is not a CIDR network (for example 10.42.0.0/16).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
