using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ForecastService.Benchmarks.OnnxLstm;

/// <summary>
/// Drives <c>node/ort-bench.mjs</c> (onnxruntime-node) as a child process. Installs the npm package on first use.
/// </summary>
internal sealed class NodeOrtRunner : IAsyncDisposable
{
    public const string PackageVersion = "1.30.0";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly Process _process;

    private NodeOrtRunner(Process process, string versions)
    {
        _process = process;
        Versions = versions;
    }

    /// <summary>Version info reported by onnxruntime-node.</summary>
    public string Versions { get; }

    public static async Task<NodeOrtRunner> StartAsync(string modelPath, int threads)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "node");
        await EnsureInstalledAsync(directory);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("ort-bench.mjs");
        start.ArgumentList.Add(modelPath);
        start.ArgumentList.Add(threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var ready = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("onnxruntime-node exited before loading the model (see its output above).");
        using var document = JsonDocument.Parse(ready);
        return new NodeOrtRunner(process, document.RootElement.GetProperty("versions").GetRawText());
    }

    /// <summary>Runs <paramref name="iterations"/> timed calls after <paramref name="warmup"/> untimed ones.</summary>
    public async Task<NodeResult> RunAsync(string inputPath, long[] shape, int warmup, int iterations)
    {
        var command = JsonSerializer.Serialize(new { op = "run", input = inputPath, shape, warmup, iterations });
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("onnxruntime-node exited during the run (see its output above).");
        return JsonSerializer.Deserialize<NodeResult>(line, Json)
            ?? throw new InvalidOperationException($"Unexpected reply from onnxruntime-node: {line}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("{\"op\":\"quit\"}");
            _process.StandardInput.Close();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task EnsureInstalledAsync(string directory)
    {
        var manifest = Path.Combine(directory, "node_modules", "onnxruntime-node", "package.json");
        if (File.Exists(manifest))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(manifest));
            if (document.RootElement.GetProperty("version").GetString() == PackageVersion)
            {
                return;
            }
        }

        Console.WriteLine($"Installing onnxruntime-node@{PackageVersion} with npm into {directory} ...");

        // --ignore-scripts: the package's postinstall would download CUDA provider libraries; the CPU build is wanted.
        var install = new ProcessStartInfo("npm") { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var arg in new[] { "install", "--ignore-scripts", "--no-audit", "--no-fund", $"onnxruntime-node@{PackageVersion}" })
        {
            install.ArgumentList.Add(arg);
        }

        Process npm;
        try
        {
            npm = Process.Start(install) ?? throw new InvalidOperationException("Could not start npm.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("npm (Node.js) is needed to compare against onnxruntime-node; install it and run again.", ex);
        }

        using (npm)
        {
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install onnxruntime-node@{PackageVersion} failed with exit code {npm.ExitCode}.");
            }
        }
    }

    internal sealed record NodeResult(
        [property: JsonPropertyName("samples")] double[] Samples,
        [property: JsonPropertyName("output")] float[] Output);
}
