using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using ForecastService.Testing;

namespace ForecastService.Benchmarks.Sizes;

/// <summary>
/// What a Linux deployment carries: the service published framework-dependent for linux-x64 once with the CPU ONNX
/// Runtime package and once with the GPU one (the <c>OnnxRuntimePackage</c> build property), each folder's size,
/// its largest native files, whether the CUDA provider is in it and whether any Windows native came along.
/// </summary>
internal sealed class PublishSizesBenchmark : IBenchmark
{
    private const string CudaProvider = "libonnxruntime_providers_cuda.so";

    private static readonly string[] Packages = ["Cpu", "Gpu"];

    public string Name => "sizes";

    public string Description => "Publish folders of the service for linux-x64 with -p:OnnxRuntimePackage=Cpu and =Gpu: sizes and largest native files. Options: --top N (5), --keep (leave the folders)";

    public async Task<int> RunAsync(string[] args)
    {
        var top = args.Contains("--top") ? int.Parse(args[Array.IndexOf(args, "--top") + 1], CultureInfo.InvariantCulture) : 5;
        var project = RepositoryPaths.Combine("src", "ForecastService.Api");
        var output = Path.Combine(Path.GetTempPath(), $"forecastservice-sizes-{Environment.ProcessId}");
        Console.WriteLine($"sizes: dotnet publish {project} -c Release -r linux-x64 --self-contained false -p:OnnxRuntimePackage=<package> -o {output}/<package>");
        try
        {
            foreach (var package in Packages)
            {
                var folder = Path.Combine(output, package.ToLowerInvariant());
                if (await PublishAsync(project, package, folder) is { } failure)
                {
                    Console.Error.WriteLine(failure);
                    return 1;
                }

                Print(package, folder, top);
            }

            return 0;
        }
        finally
        {
            if (!args.Contains("--keep") && Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static void Print(string package, string folder, int top)
    {
        var files = new DirectoryInfo(folder).GetFiles("*", SearchOption.AllDirectories);
        var natives = files.Where(IsNative).OrderByDescending(f => f.Length).ToList();
        var windows = natives.Where(IsPortableExecutable).ToList();
        Console.WriteLine();
        Console.WriteLine($"OnnxRuntimePackage={package}: {Mb(files.Sum(f => f.Length))} in {files.Length} files, of which {natives.Count} native ({Mb(natives.Sum(f => f.Length))})");
        foreach (var file in natives.Take(top))
        {
            Console.WriteLine($"   {Mb(file.Length),10}  {Path.GetRelativePath(folder, file.FullName)}");
        }

        Console.WriteLine($"   CUDA provider ({CudaProvider}): {(natives.Any(f => f.Name == CudaProvider) ? "present" : "absent")}; Windows natives: {windows.Count} ({Mb(windows.Sum(f => f.Length))})");
    }

    private static async Task<string?> PublishAsync(string project, string package, string folder)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", $"-p:OnnxRuntimePackage={package}", "-o", folder, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0
            ? null
            : $"dotnet publish with OnnxRuntimePackage={package} failed with exit code {publish.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}";
    }

    /// <summary>ELF files (shared libraries, the apphost) and PE files without .NET metadata (Windows natives).</summary>
    private static bool IsNative(FileInfo file)
    {
        using var stream = file.OpenRead();
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length)
        {
            return false;
        }

        if (magic.SequenceEqual("\u007fELF"u8))
        {
            return true;
        }

        if (!magic[..2].SequenceEqual("MZ"u8))
        {
            return false;
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        return !pe.HasMetadata;
    }

    private static bool IsPortableExecutable(FileInfo file)
    {
        using var stream = file.OpenRead();
        return stream.ReadByte() == 'M' && stream.ReadByte() == 'Z';
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
