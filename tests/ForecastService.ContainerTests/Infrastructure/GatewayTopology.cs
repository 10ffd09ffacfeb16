using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;

namespace ForecastService.ContainerTests.Infrastructure;

/// <summary>
/// docker-compose.yml's topology on a network the test creates: the API replicas of the compose file, from the
/// tests' CPU image, and the gateway from the compose file's nginx image with deploy/gateway mounted and the compose
/// environment. Disposing removes the containers and the network.
/// </summary>
internal sealed class GatewayTopology : IAsyncDisposable
{
    private const int GatewayPort = 80;

    private readonly INetwork _network;
    private readonly List<IContainer> _containers = [];

    private GatewayTopology(INetwork network) => _network = network;

    /// <summary>Gets the API replicas by service name.</summary>
    public Dictionary<string, IContainer> Replicas { get; } = [];

    public IContainer Gateway { get; private set; } = null!;

    public Uri ForecastBase => new($"http://{Gateway.Hostname}:{Gateway.GetMappedPublicPort(GatewayPort)}/forecast/");

    /// <summary>
    /// Starts the topology. With <paramref name="sharedName"/> the replicas also answer to that one name and the
    /// gateway is given only it, as compose's single scaled "api" service was before issue 16.
    /// </summary>
    public static async Task<GatewayTopology> StartAsync(string image, string? sharedName = null)
    {
        var network = new NetworkBuilder().WithName($"forecast-ct-{Guid.NewGuid():N}"[..24]).WithCleanUp(true).Build();
        var topology = new GatewayTopology(network);
        try
        {
            await network.CreateAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token).ConfigureAwait(false);
            var services = ComposeFile.CpuApiServices();
            var starts = services.Select(service =>
            {
                var builder = ApiContainer.Locked(image, ComposeFile.Environment(service))
                    .OnNetwork(network, service, sharedName is null ? [] : [sharedName]);
                return ApiContainer.StartAsync(builder, TimeSpan.FromMinutes(2));
            }).ToList();
            try
            {
                await Task.WhenAll(starts).ConfigureAwait(false);
            }
            finally
            {
                // Whatever started is the topology's to remove, even when another replica failed.
                foreach (var (service, start) in services.Zip(starts).Where(s => s.Second.IsCompletedSuccessfully))
                {
                    topology._containers.Add(start.Result);
                    topology.Replicas[service] = start.Result;
                }
            }

            var replicas = topology.Replicas.Values.ToList();
            await Task.WhenAll(replicas.Select(r => ApiContainer.WaitForStatusAsync(r, "health/ready", System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(120)))).ConfigureAwait(false);

            var environment = new Dictionary<string, string>(ComposeFile.Environment("gateway"));
            if (sharedName is not null)
            {
                environment["FORECAST_API_UPSTREAMS"] = $"{sharedName}:{ApiContainer.Port}";
            }

            var gateway = new ContainerBuilder(ComposeFile.Image("gateway"))
                .OnNetwork(network, "gateway")
                .WithEnvironment(environment)
                .WithPortBinding(GatewayPort, assignRandomHostPort: true)
                .WithCleanUp(true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(GatewayPort).ForPath("/gateway/health"), w => w.WithTimeout(TimeSpan.FromSeconds(60))));
            foreach (var (source, target) in ComposeFile.GatewayMounts())
            {
                gateway = gateway.WithBindMount(source, target, AccessMode.ReadOnly);
            }

            topology.Gateway = await ApiContainer.StartAsync(gateway, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            topology._containers.Add(topology.Gateway);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Gets which replica an address belongs to (nginx logs upstreams by address).</summary>
    public string ReplicaOf(string upstreamAddress) =>
        Replicas.SingleOrDefault(r => upstreamAddress.StartsWith(r.Value.IpAddress + ":", StringComparison.Ordinal)).Key ?? upstreamAddress;

    /// <summary>The gateway's access log (its stdout), one line per request, with the upstream each went to.</summary>
    public async Task<IReadOnlyList<string>> AccessLogAsync()
    {
        var (stdout, _) = await Gateway.GetLogsAsync().ConfigureAwait(false);
        return [.. stdout.Split('\n').Where(l => l.Contains(" upstream=", StringComparison.Ordinal))];
    }

    public async Task<string> DescribeAsync()
    {
        var text = new StringBuilder();
        foreach (var container in _containers)
        {
            text.AppendLine(await ApiContainer.LogsAsync(container).ConfigureAwait(false));
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await ApiContainer.RemoveAsync(container).ConfigureAwait(false);
        }

        await _network.DeleteAsync().ConfigureAwait(false);
    }
}
