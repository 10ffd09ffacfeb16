using System.CommandLine;
using System.Globalization;
using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Inference;
using ForecastService.Trainer.Cards;
using ForecastService.Trainer.Data;
using ForecastService.Trainer.Evaluation;
using Spectre.Console;

namespace ForecastService.Trainer.Commands;

/// <summary>
/// <c>evaluate</c>: backtests a model folder on CSV data through ONNX Runtime, the way the service runs it, next to
/// seasonal naive on the same windows.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TrainerConsole console)
    {
        var model = new Argument<string>("model") { Description = "A model folder (models/<name>/<version>)." };
        var data = new Option<string[]>("--data") { Description = "CSV file(s) at the model's frequency.", Required = true, AllowMultipleArgumentsPerToken = true };
        var fillGaps = new Option<int>("--fill-gaps") { Description = "Interpolate gaps of up to N missing steps (default 0: refuse gaps)." };
        var stride = new Option<int>("--stride") { Description = "Steps between backtest windows (default: the model's horizon)." };
        var seasonality = new Option<int>("--seasonality") { Description = "Season length for seasonal naive and MASE (default: the card's)." };
        var forecastsFile = new Option<string>("--forecasts") { Description = "Also write every forecast as CSV: series, origin (0-based row of the first forecast step), step, one column per quantile." };
        var command = new Command("evaluate", "Backtest a model folder on CSV data against seasonal naive.");
        command.Arguments.Add(model);
        command.Options.Add(data);
        command.Options.Add(fillGaps);
        command.Options.Add(stride);
        command.Options.Add(seasonality);
        command.Options.Add(forecastsFile);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(CommandErrors.Run(console, () =>
        {
            var (folder, cardPath) = InspectCommand.Resolve(parseResult.GetValue(model)!);
            var card = InspectCommand.LoadCard(cardPath);
            var frequency = Frequency.Parse(card.Frequency);
            var calendar = card.Calendar?.ToCalendar(frequency) ?? SeriesCalendar.Regular(frequency);
            var series = SeriesLoader.LoadOnCalendar(parseResult.GetValue(data) ?? [], parseResult.GetValue(fillGaps), calendar);
            var step = parseResult.GetValue(stride) is > 0 and var s ? s : card.Horizon;
            var season = parseResult.GetValue(seasonality) is > 0 and var given ? given : card.Seasonality;
            var windows = WindowPlanner.All([.. series.Series.Select(x => x.Length)], card.Lookback, card.Horizon, step);
            if (windows.Count == 0)
            {
                throw new DataFileException(string.Join(", ", series.Files.Select(f => f.Path)), null, $"no series is long enough for one window of lookback {card.Lookback} + horizon {card.Horizon}");
            }

            if (card.Lookback < season + 2)
            {
                throw new ConfigException($"seasonality {season} needs a lookback of at least {season + 2}; the model's is {card.Lookback}");
            }

            var set = new WindowSetBuilder(series.Series, CalendarFeatures.For(frequency)).Build(windows, card.Lookback, card.Horizon);
            float[] forecasts;
            try
            {
                using var session = OnnxWindowModel.Load(Path.Combine(folder, ModelContract.OnnxFileName), card.Quantiles.Count);
                forecasts = session.Predict(set, cancellationToken);
            }
            catch (Exception e) when (e is OnnxRuntimeException or ArgumentException)
            {
                throw new ModelFolderException($"{folder}: the model cannot run on these windows ({e.Message})", e);
            }

            if (parseResult.GetValue(forecastsFile) is { } path)
            {
                WriteForecasts(path, series.Series, windows, card, forecasts);
            }

            var result = Backtest.Score(series.Series, windows, card.Lookback, card.Horizon, season, card.Quantiles, forecasts);
            console.Line($"{card.Name} v{card.Version} on {series.Series.Count} series at {frequency}: {windows.Count} windows (stride {step}, seasonality {season})");
            console.Line($"backtest: {result.Overall.Windows} windows");
            console.Output.Write(ModelCardPrinter.MetricsTable(result.Overall));
            if (result.BySeries.Count > 1)
            {
                var table = new Table().AddColumn("series").AddColumn("windows").AddColumn("MASE model").AddColumn("MASE naive").AddColumn("80% coverage model").AddColumn("80% coverage naive");
                foreach (var (id, m) in result.BySeries)
                {
                    table.AddRow(
                        Markup.Escape(id),
                        m.Windows.ToString(CultureInfo.InvariantCulture),
                        m.Model.Mase.ToString("F3", CultureInfo.InvariantCulture),
                        m.SeasonalNaive.Mase.ToString("F3", CultureInfo.InvariantCulture),
                        m.Model.Coverage80.ToString("P1", CultureInfo.InvariantCulture),
                        m.SeasonalNaive.Coverage80.ToString("P1", CultureInfo.InvariantCulture));
                }

                console.Output.Write(table);
            }

            return CommandErrors.Success;
        })));
        return command;
    }

    private static void WriteForecasts(string path, IReadOnlyList<TimeSeries> series, IReadOnlyList<WindowOrigin> windows, ModelCard card, float[] forecasts)
    {
        var q = card.Quantiles.Count;
        using var writer = new StreamWriter(path);
        writer.WriteLine("series,origin,step," + string.Join(',', card.Quantiles.Select(l => "q" + l.ToString(CultureInfo.InvariantCulture))));
        for (var w = 0; w < windows.Count; w++)
        {
            var (s, origin) = windows[w];
            for (var t = 0; t < card.Horizon; t++)
            {
                var row = forecasts.AsSpan(((w * card.Horizon) + t) * q, q).ToArray();
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series[s].Id},{origin},{t + 1},{string.Join(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}"));
            }
        }
    }
}
