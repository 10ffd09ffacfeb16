using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ForecastService.Testing;

/// <summary>
/// A process the tests started, with its stdout and stderr kept line by line. Disposing kills it and everything it
/// started, so no test leaves a server behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Gets everything the process wrote so far, stdout and stderr interleaved as they arrived.</summary>
    public IReadOnlyList<string> Output => [.. _lines];

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: {fileName} did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to completion (bounded by <paramref name="timeout"/>) and fails with its output unless it exits 0.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string name, string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var child = Start(name, fileName, arguments, environment);
        var exitCode = await child.WaitForExitAsync(timeout).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{name} exited with {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "a time-out"}:\n{child.Describe()}");
        }

        return child.Output;
    }

    /// <summary>Waits for the process to exit; returns its exit code, or null when it was still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits for the process to end and for its redirected output to drain; false when it still runs after <paramref name="timeout"/>.</summary>
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

    /// <summary>Asks the process to stop as an orchestrator does (SIGTERM).</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    /// <summary>Kills the process and everything it started.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Resident memory now: VmRSS from /proc on Linux, the working set elsewhere.</summary>
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

    /// <summary>User plus system CPU time the process itself has used so far (/proc/&lt;pid&gt;/stat; not its children).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux.
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Describe(int lines = 60)
    {
        var output = Output;
        return $"--- {Name} (last {Math.Min(lines, output.Count)} of {output.Count} lines) ---\n" + string.Join('\n', output.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
            await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // It never started or has already been reaped.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // It exited while being killed.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
