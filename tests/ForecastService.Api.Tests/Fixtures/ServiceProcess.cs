using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// The built service as its own process on a free loopback port (real Kestrel, real process memory), started from the
/// ForecastService.Api.dll that the build copies beside the tests, configured by environment variables as a container
/// is. Disposing kills it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Output => [.. _lines];

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts the service over <paramref name="modelsRoot"/> and waits until /health/ready answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(string modelsRoot, IReadOnlyDictionary<string, string>? settings = null)
    {
        var service = Launch(modelsRoot, settings);
        try
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the service without waiting for it: for a start that is meant to fail.</summary>
    public static ServiceProcess Launch(string modelsRoot, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // As in the container (WORKDIR /app): the folder of the service's assembly and appsettings.json.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ForecastService.Api.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_HTTP_PORTS"] = null;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Models__Root"] = modelsRoot;
        info.Environment["Models__PollInterval"] = "00:00:00.2";
        info.Environment["Onnx__ExecutionProvider"] = "cpu";
        info.Environment["Serilog__Format"] = "json";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var service = new ServiceProcess(process, port);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Stops the service as an orchestrator does (SIGTERM) and returns its exit code.</summary>
    public int Stop(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        if (!WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            throw new TimeoutException("The service did not stop on SIGTERM.\n" + Describe());
        }

        return _process.ExitCode;
    }

    /// <summary>Waits for the process to end and for its redirected output to drain.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        // The timed overload returns before the redirected output handlers have drained; this one waits for them.
        _process.WaitForExit();
        return true;
    }

    /// <summary>The process's resident set size in bytes, from /proc (Linux), or its working set elsewhere.</summary>
    public long ResidentBytes()
    {
        var status = $"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        _process.Refresh();
        return _process.WorkingSet64;
    }

    public string Describe(int lines = 40) => $"--- service output (last {lines} lines) ---\n" + string.Join('\n', Output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started, already reaped, or stuck: nothing more a test can do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited before it was ready.\n{Describe()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // One probe outlived its 5 s on a loaded machine (the first request JIT-compiles the pipeline): ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service was not ready within {timeout.TotalSeconds} s.\n{Describe()}");
    }
}
