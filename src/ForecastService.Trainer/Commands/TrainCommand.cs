using System.CommandLine;

namespace ForecastService.Trainer.Commands;

/// <summary>
/// <c>train</c>: every field of <see cref="TrainConfig"/> is an option; options given on the command line override
/// the <c>--config</c> file, which overrides the defaults.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TrainerConsole console, TimeProvider time)
    {
        var command = new Command("train", "Train a forecasting model on CSV history and write models/<name>/<version>/.");
        var config = new Option<FileInfo>("--config") { Description = "JSON training configuration; command-line options override its fields." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Plain progress lines instead of the live display." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the configuration and data, print the window counts, write nothing." };
        var force = new Option<bool>("--force") { Description = "Replace an existing model folder of the same name and version." };
        command.Options.Add(config);
        command.Options.Add(quiet);
        command.Options.Add(dryRun);
        command.Options.Add(force);
        var allowWorse = new Option<bool>("--allow-worse-than-baseline") { Description = "Write the model even if it loses to naive or seasonal naive on its held-out windows; the card then says that it loses." };
        command.Options.Add(allowWorse);

        var overrides = new TrainOptionSet(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var exitCode = CommandErrors.Run(console, () =>
            {
                var baseConfig = parseResult.GetValue(config) is { } file ? TrainConfig.Load(file.FullName) : new TrainConfig();
                var effective = overrides.Apply(parseResult, baseConfig);
                var errors = effective.Validate();
                if (errors.Count > 0)
                {
                    throw new ConfigException("invalid configuration:" + string.Concat(errors.Select(e => $"\n  - {e}")));
                }

                var run = new TrainRun(effective, console, time, new TrainRunSettings(
                    Quiet: parseResult.GetValue(quiet),
                    DryRun: parseResult.GetValue(dryRun),
                    Force: parseResult.GetValue(force),
                    AllowWorseThanBaseline: parseResult.GetValue(allowWorse)));
                return run.Execute(cancellationToken);
            });
            return Task.FromResult(exitCode);
        });
        return command;
    }
}
