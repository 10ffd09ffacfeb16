using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ForecastService.ContainerTests.Infrastructure;

/// <summary>
/// docker-compose.yml read as compose reads it (merge keys and aliases resolved, ${VAR:-default} taken from the
/// environment or its default), so the topology the tests build is the file's, not a copy of it.
/// </summary>
internal static partial class ComposeFile
{
    public static string Path => RepositoryPaths.Combine("docker-compose.yml");

    public static YamlMappingNode Load() => YamlFiles.LoadDocuments(Path).Single();

    public static IReadOnlyDictionary<string, string> Environment(string service) =>
        Load().ScalarMap("services", service, "environment").ToDictionary(p => p.Key, p => Interpolate(p.Value));

    public static string Image(string service) => Load().Scalar("services", service, "image");

    /// <summary>The API services the gateway routes to (every service built from the CPU Dockerfile).</summary>
    public static IReadOnlyList<string> CpuApiServices() =>
        [.. ((YamlMappingNode)Load().Get("services")).Children
            .Where(s => s.Value.Find("build", "dockerfile") is YamlScalarNode { Value: "Dockerfile" })
            .Select(s => ((YamlScalarNode)s.Key).Value!)];

    /// <summary>The gateway's bind mounts, as (absolute source, target) pairs.</summary>
    public static IReadOnlyList<(string Source, string Target)> GatewayMounts() =>
        [.. Load().Items("services", "gateway", "volumes").Select(v =>
        {
            var parts = ((YamlScalarNode)v).Value!.Split(':');
            return (System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryPaths.Root, parts[0])), parts[1]);
        })];

    private static string Interpolate(string value) =>
        Variable().Replace(value, m => System.Environment.GetEnvironmentVariable(m.Groups[1].Value) is { Length: > 0 } set ? set : m.Groups[2].Value);

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}")]
    private static partial Regex Variable();
}
