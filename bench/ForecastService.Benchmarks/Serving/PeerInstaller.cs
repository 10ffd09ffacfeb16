using System.Diagnostics;

namespace ForecastService.Benchmarks.Serving;

/// <summary>Installs bench/peer's npm packages (onnxruntime-node) on first use.</summary>
internal static class PeerInstaller
{
    public static async Task EnsureInstalledAsync(string directory)
    {
        if (File.Exists(Path.Combine(directory, "node_modules", "onnxruntime-node", "package.json")))
        {
            return;
        }

        Console.WriteLine($"Installing the peer's packages with npm in {directory} ...");

        // --ignore-scripts: onnxruntime-node's postinstall downloads CUDA libraries; the peer runs on the CPU build.
        var install = new ProcessStartInfo("npm") { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var arg in new[] { "install", "--ignore-scripts", "--no-audit", "--no-fund" })
        {
            install.ArgumentList.Add(arg);
        }

        using var npm = Process.Start(install) ?? throw new InvalidOperationException("Could not start npm; the peer needs Node.js and npm.");
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install in {directory} failed with exit code {npm.ExitCode}.");
        }
    }
}
