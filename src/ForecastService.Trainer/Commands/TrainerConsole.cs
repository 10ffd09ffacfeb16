using Spectre.Console;

namespace ForecastService.Trainer.Commands;

/// <summary>
/// Where the commands write: Spectre for tables and the live display, a plain writer for errors. Live display is used
/// only when the output is an interactive terminal; tests and redirected runs get plain lines.
/// </summary>
internal sealed class TrainerConsole(IAnsiConsole output, TextWriter error, bool interactive)
{
    public IAnsiConsole Output { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Interactive { get; } = interactive;

    public static TrainerConsole ForProcess()
    {
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (interactive)
        {
            return new TrainerConsole(AnsiConsole.Console, Console.Error, interactive: true);
        }

        // Redirected output (logs, pipes) gets plain text in whole lines, not escape codes wrapped at 80 columns.
        return Plain(Console.Out, Console.Error);
    }

    /// <summary>A console writing plain text (no colours, no live display) to the given writers.</summary>
    public static TrainerConsole Plain(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        return new TrainerConsole(console, error, interactive: false);
    }

    public void Line(string text) => Output.WriteLine(text);
}
