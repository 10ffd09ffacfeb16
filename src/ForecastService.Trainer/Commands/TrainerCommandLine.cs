using System.CommandLine;

namespace ForecastService.Trainer.Commands;

/// <summary>The trainer's command tree: <c>train</c>, <c>evaluate</c>, <c>inspect</c> and <c>backtest</c>.</summary>
internal static class TrainerCommandLine
{
    public static RootCommand Create(TrainerConsole console, TimeProvider time)
    {
        var root = new RootCommand("ForecastService trainer: turns CSV history into ONNX forecasting models the service can load.");
        root.Subcommands.Add(TrainCommand.Create(console, time));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(InspectCommand.Create(console));
        root.Subcommands.Add(BacktestCommand.Create(console, time));
        return root;
    }
}
