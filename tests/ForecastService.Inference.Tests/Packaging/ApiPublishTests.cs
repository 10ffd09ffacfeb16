using System.Diagnostics;
using System.Reflection.PortableExecutable;

namespace ForecastService.Inference.Tests.Packaging;

/// <summary>
/// What each ONNX Runtime package choice puts into a Linux publish of the API: the Cpu package no CUDA provider, the
/// default Gpu package the CUDA provider, and neither a Windows native. Each publish goes to its own artifacts folder,
/// so the repository's obj/ and bin/ stay as the normal build left them.
/// </summary>
public sealed class ApiPublishTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fs-publish-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Publish_CpuPackage_HasOrtButNoCudaProviderAndNoWindowsNatives()
    {
        var output = Publish("-p:OnnxRuntimePackage=Cpu");

        Assert.True(File.Exists(Path.Combine(output, "libonnxruntime.so")), "libonnxruntime.so is missing from the CPU publish");
        Assert.Empty(Directory.GetFiles(output, "libonnxruntime_providers_cuda.so", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(output, "libonnxruntime_providers_tensorrt.so", SearchOption.AllDirectories));
        Assert.Empty(NativeDlls(output));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Publish_DefaultGpuPackage_HasCudaProviderAndNoWindowsNatives()
    {
        var output = Publish();

        Assert.True(File.Exists(Path.Combine(output, "libonnxruntime.so")), "libonnxruntime.so is missing from the GPU publish");
        Assert.True(File.Exists(Path.Combine(output, "libonnxruntime_providers_cuda.so")), "the CUDA provider is missing from the GPU publish");
        Assert.True(File.Exists(Path.Combine(output, "libonnxruntime_providers_shared.so")), "the providers' shared library is missing from the GPU publish");
        Assert.Empty(NativeDlls(output));
    }

    private string Publish(params string[] properties)
    {
        var output = Path.Combine(_root, "publish");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        foreach (var argument in (string[])["publish", Path.Combine("src", "ForecastService.Api", "ForecastService.Api.csproj"),
            "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", output, "--artifacts-path", Path.Combine(_root, "artifacts"), .. properties])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet publish failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        return output;
    }

    // Windows natives are PE files without .NET metadata (onnxruntime.dll and friends); managed assemblies have it.
    private static List<string> NativeDlls(string folder)
    {
        var natives = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            using var reader = new PEReader(stream);
            if (!reader.HasMetadata)
            {
                natives.Add(Path.GetRelativePath(folder, file));
            }
        }

        return natives;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ForecastService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ForecastService.sln above {AppContext.BaseDirectory}.");
    }
}
