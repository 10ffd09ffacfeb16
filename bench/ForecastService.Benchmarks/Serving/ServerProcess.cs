using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ForecastService.Benchmarks.Serving;

/// <summary>
/// A server under test as a real child process on a free loopback port: started, polled until <c>/health/ready</c>
/// answers 200, read from /proc (CPU time, resident memory), and killed on dispose.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress, TimeSpan readyAfter)
    {
        _process = process;
        BaseAddress = baseAddress;
        ReadyAfter = readyAfter;
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first 200 from <c>/health/ready</c>.</summary>
    public TimeSpan ReadyAfter { get; }

    public static async Task<ServerProcess> StartAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Func<int, IEnumerable<string>>? portArguments = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Concat(portArguments?.Invoke(port) ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = started + (60 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !process.HasExited)
        {
            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ServerProcess(process, baseAddress, Stopwatch.GetElapsedTime(started));
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        Kill(process);
        throw new InvalidOperationException($"{fileName} did not become ready:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
    }

    /// <summary>User plus system CPU time the process has used so far (/proc/&lt;pid&gt;/stat, fields 14 and 15).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux.
    }

    /// <summary>Managed bytes allocated so far, from the service's <c>/metrics</c>; null for a server without it.</summary>
    public async Task<long?> AllocatedBytesAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri(BaseAddress, "/metrics"));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        // The .NET runtime's counter as OpenTelemetry's Prometheus exporter writes it, with or without empty braces.
        const string Name = "dotnet_gc_heap_total_allocated_bytes_total";
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            var rest = line.StartsWith(Name, StringComparison.Ordinal) ? line[Name.Length..] : string.Empty;
            rest = rest.StartsWith("{}", StringComparison.Ordinal) ? rest[2..] : rest;
            if (rest.StartsWith(' '))
            {
                return (long)double.Parse(rest[1..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>Resident memory now (VmRSS).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        while (lines.Count > 40 && lines.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
