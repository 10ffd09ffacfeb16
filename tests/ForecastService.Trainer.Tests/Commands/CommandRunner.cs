using ForecastService.Trainer.Commands;

namespace ForecastService.Trainer.Tests.Commands;

/// <summary>Runs the real command line in-process with plain, captured output.</summary>
internal static class CommandRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = TrainerConsole.Plain(output, error);
        var exitCode = TrainerCommandLine.Create(console, TimeProvider.System).Parse(args).Invoke();
        return (exitCode, output.ToString(), error.ToString());
    }
}
