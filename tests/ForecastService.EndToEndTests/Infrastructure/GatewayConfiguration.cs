using System.Text;
using System.Text.RegularExpressions;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>
/// Renders deploy/gateway/templates/default.conf.template the way the nginx image's envsubst does in compose, with
/// one addition compose does not need: the upstream server line is repeated once per API instance (compose gets
/// every replica from Docker's DNS through one name).
/// </summary>
internal static partial class GatewayConfiguration
{
    public const string ListenPlaceholder = "FORECAST_GATEWAY_LISTEN";
    public const string UpstreamPlaceholder = "FORECAST_API_UPSTREAM";
    public const string AccessLogPlaceholder = "FORECAST_ACCESS_LOG";

    public static string TemplatePath => RepositoryPaths.Combine("deploy", "gateway", "templates", "default.conf.template");

    public static IReadOnlyCollection<string> PlaceholdersIn(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct()];

    public static string Render(string template, string listen, IReadOnlyList<string> upstreams, string accessLog)
    {
        var values = new Dictionary<string, string>
        {
            [ListenPlaceholder] = listen,
            [AccessLogPlaceholder] = accessLog,
        };
        var output = new StringBuilder();
        foreach (var line in template.Split('\n'))
        {
            var copies = line.Contains("${" + UpstreamPlaceholder + "}", StringComparison.Ordinal)
                ? upstreams.Select(u => line.Replace("${" + UpstreamPlaceholder + "}", u, StringComparison.Ordinal))
                : [line];
            foreach (var copy in copies)
            {
                output.Append(Placeholder().Replace(copy, m => values.TryGetValue(m.Groups[1].Value, out var value)
                    ? value
                    : throw new InvalidOperationException($"The gateway template uses ${{{m.Groups[1].Value}}}, which the tests do not know."))).Append('\n');
            }
        }

        return output.ToString();
    }

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
