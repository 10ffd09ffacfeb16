using System.Net;
using System.Reflection;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>
/// Once per test run: publishes the API as the image does, starts two instances of it on free loopback ports, and
/// puts Debian's nginx in front of them with deploy/gateway/ rendered for those ports. Everything stops at the end.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    /// <summary>The only address the API instances accept forwarded headers from: nginx connects from it.</summary>
    public static readonly IPAddress GatewayAddress = IPAddress.Loopback;

    private readonly List<ServiceProcess> _apis = [];
    private NginxGateway? _gateway;
    private string? _workDirectory;

    public Uri GatewayAddressBase => _gateway?.BaseAddress ?? throw new InvalidOperationException("The gateway is not running.");

    /// <summary>Gets the API's public base address through the gateway (<c>http://127.0.0.1:port/forecast/</c>).</summary>
    public Uri ForecastBase => new(GatewayAddressBase, "forecast/");

    internal IReadOnlyList<ServiceProcess> Apis => _apis;

    internal NginxGateway Gateway => _gateway ?? throw new InvalidOperationException("The gateway is not running.");

    internal string PublishDirectory { get; private set; } = string.Empty;

    /// <summary>
    /// Gets a value indicating whether models/ ships any model. Until one is shipped the service cannot become ready
    /// (ready means at least one model serves), and the tests check that instead of forecasts.
    /// </summary>
    internal static bool ModelsShipped => ShippedModels.Latest().Count > 0;

    /// <summary>Gets the settings both instances run with: the container's environment, for loopback.</summary>
    internal static IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Models__Root"] = RepositoryPaths.Combine("models"),
        ["Onnx__ExecutionProvider"] = "cpu",
        ["Serilog__Format"] = "json",
        ["ForwardedHeaders__KnownProxies__0"] = GatewayAddress.ToString(),
    };

    public async Task InitializeAsync()
    {
        try
        {
            _workDirectory = Directory.CreateTempSubdirectory("forecast-e2e-").FullName;
            PublishDirectory = await PublishAsync(_workDirectory).ConfigureAwait(false);
            var instances = await Task.WhenAll(
                StartApiAsync("api-1"),
                StartApiAsync("api-2")).ConfigureAwait(false);
            _apis.AddRange(instances);
            _gateway = await NginxGateway.StartAsync([.. _apis.Select(a => a.BaseAddress)]).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// One replica from the publish output; with no shipped model it never turns ready, so it is awaited until it is
    /// live instead.
    /// </summary>
    private Task<ServiceProcess> StartApiAsync(string name) =>
        ServiceProcess.StartAsync(ServiceLaunch.Api(PublishDirectory, ApiSettings, name) with { ReadyPath = ModelsShipped ? "health/ready" : "health/live" });

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync().ConfigureAwait(false);
            _gateway = null;
        }

        foreach (var api in _apis)
        {
            await api.DisposeAsync().ConfigureAwait(false);
        }

        _apis.Clear();
        if (_workDirectory is not null && Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    /// <summary>Everything the API instances and nginx wrote, for failure messages.</summary>
    internal string Describe() =>
        string.Join('\n', _apis.Select(a => a.Describe())) + "\n" + (_gateway?.Describe() ?? "(no gateway)");

    // `dotnet publish -c <configuration> -o <dir>` as the Dockerfile runs it; --no-build reuses the build this test
    // project already made of the API (a project reference), so the run does not rebuild it concurrently.
    private static async Task<string> PublishAsync(string workDirectory)
    {
        var output = Path.Combine(workDirectory, "publish");
        var configuration = typeof(GatewayFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        await ChildProcess.RunAsync(
            "dotnet publish",
            dotnet,
            ["publish", RepositoryPaths.Combine("src", "ForecastService.Api", "ForecastService.Api.csproj"), "-c", configuration, "--no-build", "-o", output, "--nologo"],
            TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        return output;
    }
}
