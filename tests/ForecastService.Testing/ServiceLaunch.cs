using System.Globalization;

namespace ForecastService.Testing;

/// <summary>
/// How to start a server under test. <c>{port}</c> in an argument or an environment value becomes the free loopback
/// port the launcher picked; a null environment value removes that variable.
/// </summary>
/// <param name="Name">Names the process in failure messages.</param>
/// <param name="FileName">The executable (e.g. <c>dotnet</c>, <c>node</c>).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Variables set (or, with null, removed) for it.</param>
public sealed record ServiceLaunch(string Name, string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>Answers 200 once the server can serve.</summary>
    public string ReadyPath { get; init; } = "health/ready";

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The process's working folder; null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra arguments that carry the port, for servers that take it on the command line.</summary>
    public Func<int, IEnumerable<string>>? PortArguments { get; init; }

    /// <summary>
    /// The service's <c>ForecastService.Api.dll</c> in <paramref name="directory"/> (a build or publish output), run by
    /// the same <c>dotnet</c> that runs the tests, from that folder (as the container's WORKDIR is), listening on the
    /// picked port only. <paramref name="settings"/> are configuration keys (<c>Models:Root</c>) or variables.
    /// </summary>
    public static ServiceLaunch Api(string directory, IReadOnlyDictionary<string, string?> settings, string name = "api")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:{port}",
            ["ASPNETCORE_HTTP_PORTS"] = null,
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return new ServiceLaunch(name, dotnet, [Path.Combine(directory, "ForecastService.Api.dll")], environment) { WorkingDirectory = directory };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {FileName} {string.Join(' ', Arguments)}");
}
