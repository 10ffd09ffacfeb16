using System.Diagnostics;
using System.Globalization;

namespace ForecastService.ContainerTests.Infrastructure;

/// <summary>
/// The Docker engine the tests drive: whether one answers (else every test here is skipped with the reason), and the
/// settings Testcontainers needs with Debian's docker.io 20.10 (eng/docker/engine.sh starts one in CI).
/// </summary>
internal static class DockerEngine
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Gets why no test here can run, or null when an engine answers.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>
    /// Testcontainers reads these once, on first use, so they are set before any test touches it; values from the
    /// environment (eng/test.sh sets them) win.
    /// </summary>
    public static void ConfigureTestcontainers(string apiVersion)
    {
        // Testcontainers speaks API 1.44 unless told otherwise; docker.io 20.10 answers "client version 1.44 is too
        // new. Maximum supported API version is 1.41". The engine's own version is always accepted.
        SetDefault("DOCKER_API_VERSION", apiVersion);

        // Ryuk, the reaper container, is an image from a registry, which is not reachable here; the fixtures remove
        // what they create themselves.
        SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true");

        // Without it the readiness waits resolved the engine's host differently and hung until their timeout.
        SetDefault("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
    }

    /// <summary>Runs the docker CLI (for what Testcontainers does not offer: kill, compose, image removal).</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var output = await ChildProcess.RunAsync(fileName, fileName, arguments, timeout, environment).ConfigureAwait(false);
        return string.Join('\n', output);
    }

    private static string? Probe()
    {
        try
        {
            var info = new ProcessStartInfo("docker", ["version", "--format", "{{.Server.APIVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info) ?? throw new InvalidOperationException("docker did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                return "no Docker engine: `docker version` did not answer within 20 s (start one: bash eng/docker/engine.sh start)";
            }

            var apiVersion = stdout.Result.Trim();
            if (process.ExitCode != 0 || !double.TryParse(apiVersion, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return $"no Docker engine answers ({stderr.Result.Trim()}); start one: bash eng/docker/engine.sh start";
            }

            ConfigureTestcontainers(apiVersion);
            return null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"no Docker engine: the docker CLI cannot run ({ex.Message}); eng/docker/engine.sh installs one";
        }
    }

    private static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>A fact that needs a Docker engine: skipped, with the reason, where none answers.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerEngine.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs a Docker engine: skipped, with the reason, where none answers.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerTheoryAttribute : TheoryAttribute
{
    public DockerTheoryAttribute()
    {
        if (DockerEngine.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
