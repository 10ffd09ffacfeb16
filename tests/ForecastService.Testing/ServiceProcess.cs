using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ForecastService.Testing;

/// <summary>
/// A server under test as its own process on a free loopback port: the built service (real Kestrel, real process
/// memory) or a peer the benchmarks compare it with. Started, polled until its health path answers 200, and killed
/// with everything it started on dispose. The one launcher the tests and the benchmarks share.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable, IDisposable
{
    private readonly ChildProcess _process;

    private ServiceProcess(ChildProcess process, int port, long startedAt)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        StartedAt = startedAt;
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first 200 on the launch's ready path; zero until then (or for <see cref="Launch"/>).</summary>
    public TimeSpan ReadyAfter { get; private set; }

    public IReadOnlyList<string> Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.ExitCode;

    private long StartedAt { get; }

    /// <summary>Starts the server and waits until its ready path answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(ServiceLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var server = Launch(launch);
        try
        {
            await server.WaitUntilOkAsync(launch.ReadyPath, launch.ReadyTimeout).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the server without waiting for it: for a start that is meant to fail.</summary>
    public static ServiceProcess Launch(ServiceLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var port = LoopbackPorts.GetFree();
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var arguments = launch.Arguments.Concat(launch.PortArguments?.Invoke(port) ?? []).Select(a => a.Replace("{port}", portText, StringComparison.Ordinal));
        var environment = launch.Environment.ToDictionary(e => e.Key, e => e.Value?.Replace("{port}", portText, StringComparison.Ordinal));
        var startedAt = Stopwatch.GetTimestamp();
        var process = ChildProcess.Start(launch.Name, launch.FileName, arguments, environment, launch.WorkingDirectory);
        return new ServiceProcess(process, port, startedAt);
    }

    /// <summary>Stops the server as an orchestrator does (SIGTERM) and returns its exit code; kills it and throws after <paramref name="timeout"/>.</summary>
    public int Stop(TimeSpan timeout)
    {
        _process.Terminate();
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException("The server did not stop on SIGTERM.\n" + Describe());
        }

        return _process.ExitCode ?? -1;
    }

    /// <summary>Waits for the process to end and for its output to drain.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Resident memory now (VmRSS).</summary>
    public long ResidentBytes() => _process.ResidentBytes();

    /// <summary>CPU time the server process has used so far (not its children).</summary>
    public TimeSpan CpuTime() => _process.CpuTime();

    public string Describe(int lines = 40) => _process.Describe(lines);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WaitUntilOkAsync(string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.Name} exited before it was ready.\n{Describe()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ReadyAfter = Stopwatch.GetElapsedTime(StartedAt);
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
            }
            catch (HttpRequestException ex)
            {
                // Not listening yet.
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                // One probe outlived its 5 s on a loaded machine (the first request JIT-compiles the pipeline): ask again.
                last = "a probe timed out";
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        throw new TimeoutException($"{_process.Name} did not answer 200 on /{path} within {timeout.TotalSeconds} s (last: {last}).\n{Describe()}");
    }
}
