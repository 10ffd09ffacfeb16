using System.Globalization;
using ForecastService.Core.Models;
using Spectre.Console;

namespace ForecastService.Trainer.Cards;

/// <summary>Renders a model card as tables, for <c>inspect</c> and the end of <c>train</c>.</summary>
internal static class ModelCardPrinter
{
    public static void Print(IAnsiConsole console, ModelCard card)
    {
        console.WriteLine($"{card.Name} v{card.Version} ({card.Domain})");
        var about = new Table().HideHeaders().AddColumn("field").AddColumn("value");
        Row(about, "description", card.Description);
        Row(about, "intended use", card.IntendedUse);
        Row(about, "limitations", card.Limitations);
        Row(about, "frequency", $"{card.Frequency} (seasonality {card.Seasonality})");
        if (card.Calendar is { } calendar)
        {
            Row(about, "calendar", calendar.Slots is { Count: > 0 } slots ? $"{calendar.Kind}: {string.Join(", ", slots)}" : $"{calendar.Kind} (up to {calendar.MaxClosedDays} closed days in a row)");
        }

        Row(about, "window", $"lookback {card.Lookback}, horizon {card.Horizon}");
        Row(about, "network", $"{card.Cell} x{card.Layers}, hidden {card.HiddenSize}, dropout {Number(card.Dropout)}, {card.ParameterCount:N0} parameters");
        Row(about, "quantiles", string.Join(", ", card.Quantiles.Select(Number)));
        Row(about, "covariates", string.Join(", ", card.Covariates));
        Row(about, "recipe", card.Recipe);
        Row(about, "scaling", card.Scaling);
        if (card.Training is { } t)
        {
            Row(about, "training", $"{t.Epochs} epochs (best {t.BestEpoch}), {t.DurationSeconds:F0} s, seed {t.Seed}, {t.TrainWindows:N0} train / {t.ValidationWindows:N0} validation windows");
        }

        foreach (var source in card.Data)
        {
            Row(about, "data", $"{source.File}: {source.Series} series, {source.Rows:N0} rows, sha256 {source.Sha256[..Math.Min(12, source.Sha256.Length)]}…; {source.Source}");
        }

        Row(about, "onnx sha256", card.OnnxSha256);
        Row(about, "streaming", card.Streaming is { Supported: true } streaming ? $"{streaming.StepModel}, sha256 {streaming.Sha256}" : "not supported (no step model)");
        Row(about, "created", card.CreatedAt?.ToString("u", CultureInfo.InvariantCulture));
        console.Write(about);

        if (card.Metrics is { } metrics)
        {
            console.WriteLine($"held-out metrics ({metrics.Windows} windows):");
            console.Write(MetricsTable(metrics));
            if (metrics.Verdict is { } verdict)
            {
                console.WriteLine(verdict);
            }
        }
    }

    public static Table MetricsTable(HeldOutMetrics metrics)
    {
        var table = new Table().AddColumn("").AddColumn("MASE").AddColumn("sMAPE %").AddColumn("MAE").AddColumn("80% coverage").AddColumn("80% width");
        Add(table, "model", metrics.Model);
        Add(table, metrics.SeasonalNaiveName is { Length: > 0 } name ? $"seasonal naive ({name})" : "seasonal naive", metrics.SeasonalNaive);
        if (metrics.Naive is { } naive)
        {
            Add(table, "naive (last value)", naive);
        }

        return table;
    }

    private static void Add(Table table, string label, ForecastMetrics m) =>
        table.AddRow(Markup.Escape(label), Number(m.Mase), Number(m.Smape), Number(m.Mae), m.Coverage80.ToString("P1", CultureInfo.InvariantCulture), Number(m.Width80));

    private static void Row(Table table, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            table.AddRow(field, Markup.Escape(value));
        }
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
