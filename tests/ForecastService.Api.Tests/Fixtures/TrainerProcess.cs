using System.Diagnostics;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// The real trainer command line as its own process, from its build output in this checkout (the test project builds
/// it first without referencing it: the trainer's types are not the service's, and its <c>Program</c> would clash).
/// </summary>
public static class TrainerProcess
{
    /// <summary>Runs <c>ForecastService.Trainer</c> with <paramref name="args"/> and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TrainerAssembly());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The trainer did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The trainer ran for more than 5 minutes.");
        }

        return (process.ExitCode, output + error.Result);
    }

    /// <summary>src/ForecastService.Trainer/bin/&lt;configuration&gt;/&lt;tfm&gt;/ForecastService.Trainer.dll, the build of the tests' own configuration.</summary>
    private static string TrainerAssembly()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = tfm.Parent!.Name;
        var path = Path.Combine(RepositoryPaths.Root, "src", "ForecastService.Trainer", "bin", configuration, tfm.Name, "ForecastService.Trainer.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the trainer first (the test project's build does).", path);
    }
}
