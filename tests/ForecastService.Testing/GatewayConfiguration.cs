using System.Text.RegularExpressions;

namespace ForecastService.Testing;

/// <summary>
/// Renders deploy/gateway the way the nginx image's entrypoint does in compose: the replicas are given as one
/// space-separated FORECAST_API_UPSTREAMS, the gateway's own entrypoint step
/// (docker-entrypoint.d/15-forecast-upstreams.envsh, run here by sh) turns it into FORECAST_API_SERVERS, and envsubst
/// fills the template's placeholders.
/// </summary>
public static partial class GatewayConfiguration
{
    public const string ListenPlaceholder = "FORECAST_GATEWAY_LISTEN";
    public const string ServersPlaceholder = "FORECAST_API_SERVERS";
    public const string AccessLogPlaceholder = "FORECAST_ACCESS_LOG";

    /// <summary>The variable compose sets on the gateway: the replicas as host:port, separated by spaces.</summary>
    public const string UpstreamsVariable = "FORECAST_API_UPSTREAMS";

    public static string TemplatePath => RepositoryPaths.Combine("deploy", "gateway", "templates", "default.conf.template");

    public static string UpstreamsScriptPath => RepositoryPaths.Combine("deploy", "gateway", "docker-entrypoint.d", "15-forecast-upstreams.envsh");

    public static IReadOnlyCollection<string> PlaceholdersIn(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>Sources the gateway's entrypoint step with <paramref name="upstreams"/> and returns the FORECAST_API_SERVERS it exports.</summary>
    public static async Task<string> ServersAsync(string upstreams)
    {
        var output = await ChildProcess.RunAsync(
            "15-forecast-upstreams.envsh",
            "/bin/sh",
            ["-c", ". \"$1\" && printf '%s\\n' \"$FORECAST_API_SERVERS\"", "sh", UpstreamsScriptPath],
            TimeSpan.FromSeconds(20),
            new Dictionary<string, string?> { [UpstreamsVariable] = upstreams }).ConfigureAwait(false);
        return string.Join('\n', output).Trim();
    }

    /// <summary>envsubst: every ${NAME} replaced by its value; a placeholder without one fails, rather than rendering empty.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"The gateway template uses ${{{m.Groups[1].Value}}}, which the tests do not know."));

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
