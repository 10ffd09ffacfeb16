using System.Diagnostics;
using System.Net;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;

namespace ForecastService.ContainerTests.Infrastructure;

/// <summary>
/// The API image run locked down as deploy/k8s runs it: read-only root filesystem with a tmpfs /tmp, every
/// capability dropped, no-new-privileges, the image's own user. Port 8080 is published on a free loopback port.
/// </summary>
internal static class ApiContainer
{
    public const int Port = 8080;

    public static ContainerBuilder Locked(string image, IReadOnlyDictionary<string, string>? environment = null) =>
        new ContainerBuilder(image)
            .WithPortBinding(Port, assignRandomHostPort: true)
            .WithTmpfsMount("/tmp")
            .WithEnvironment(environment ?? new Dictionary<string, string>())
            .WithCleanUp(true)
            .WithCreateParameterModifier(p =>
            {
                var host = p.HostConfig ?? throw new InvalidOperationException("Testcontainers left the host configuration unset.");
                host.ReadonlyRootfs = true;
                host.CapDrop = ["ALL"];
                host.SecurityOpt = ["no-new-privileges"];
            });

    public static ContainerBuilder OnNetwork(this ContainerBuilder builder, INetwork network, string name, params string[] moreAliases) =>
        builder.WithNetwork(network).WithNetworkAliases([name, .. moreAliases]).WithName($"{network.Name}-{name}");

    public static Uri BaseAddress(IContainer container, int port = Port) =>
        new($"http://{container.Hostname}:{container.GetMappedPublicPort(port)}/");

    /// <summary>Starts the container, bounded by <paramref name="timeout"/>; a container that fails to start is removed.</summary>
    public static async Task<IContainer> StartAsync(ContainerBuilder builder, TimeSpan timeout)
    {
        var container = builder.Build();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await container.StartAsync(cancel.Token).ConfigureAwait(false);
            return container;
        }
        catch
        {
            await RemoveAsync(container).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Removes the container and its anonymous volumes. Disposing alone only stops it when Ryuk, the reaper that
    /// would remove it later, is off, as it is here.
    /// </summary>
    public static async Task RemoveAsync(IContainer container)
    {
        await container.DisposeAsync().ConfigureAwait(false);
        try
        {
            await DockerEngine.RunAsync("docker", ["rm", "--force", "--volumes", container.Id], TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already removed.
        }
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="expected"/>, or fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitForStatusAsync(IContainer container, string path, HttpStatusCode expected, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress(container), Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
                if (response.StatusCode == expected)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "time-out";
            }

            await Task.Delay(500).ConfigureAwait(false);
        }

        throw new TimeoutException($"{path} did not answer {(int)expected} within {timeout.TotalSeconds} s (last: {last}).\n{await LogsAsync(container).ConfigureAwait(false)}");
    }

    /// <summary>Polls the engine's health status (the image's HEALTHCHECK) until it is <paramref name="expected"/>.</summary>
    public static async Task<TimeSpan> WaitForHealthAsync(IContainer container, string expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var status = string.Empty;
        while (clock.Elapsed < timeout)
        {
            status = (await DockerEngine.RunAsync("docker", ["inspect", "--format", "{{.State.Health.Status}}", container.Id], TimeSpan.FromSeconds(30)).ConfigureAwait(false)).Trim();
            if (status == expected)
            {
                return clock.Elapsed;
            }

            await Task.Delay(1000).ConfigureAwait(false);
        }

        throw new TimeoutException($"The container's health was still '{status}', not '{expected}', after {timeout.TotalSeconds} s.\n{await LogsAsync(container).ConfigureAwait(false)}");
    }

    public static async Task<string> LogsAsync(IContainer container)
    {
        var (stdout, stderr) = await container.GetLogsAsync().ConfigureAwait(false);
        var lines = (stdout + stderr).Split('\n');
        return $"--- {container.Name} (last 40 lines) ---\n" + string.Join('\n', lines.TakeLast(40));
    }
}
