using System.Diagnostics;
using System.Net;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>
/// The published API running as its own process on a loopback port, configured by environment variables as the
/// container image configures it.
/// </summary>
internal sealed class ApiInstance : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ApiInstance(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Output => _process.Output;

    /// <summary>
    /// Starts the API and waits until it answers <c>/health/ready</c> with 200 or, when <paramref name="waitForReady"/>
    /// is false (no model to load, so it will never be ready), until it answers <c>/health/live</c>.
    /// </summary>
    public static async Task<ApiInstance> StartAsync(string publishDirectory, string name, IReadOnlyDictionary<string, string?> settings, bool waitForReady)
    {
        var port = LoopbackPorts.GetFree();
        var environment = new Dictionary<string, string?>(settings)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_HTTP_PORTS"] = null,
        };
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var process = ChildProcess.Start(name, dotnet, [Path.Combine(publishDirectory, "ForecastService.Api.dll")], environment, publishDirectory);
        var instance = new ApiInstance(process, port);
        try
        {
            await instance.WaitUntilOkAsync(waitForReady ? "health/ready" : "health/live", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string Describe() => _process.Describe();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilOkAsync(string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited before it was ready.\n{Describe()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"The API did not answer 200 on /{path} within {timeout.TotalSeconds}s (last: {last}).\n{Describe()}");
    }
}
