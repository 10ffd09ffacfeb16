using System.CommandLine;
using ForecastService.Trainer.Backtesting;

namespace ForecastService.Trainer.Commands;

/// <summary>
/// <c>backtest</c>: the rolling-origin protocol of an accuracy kit (<c>--kit DIR</c>) or of a user's CSV
/// (<c>--data FILE --horizon H --origins K</c>), training once per series with one rule and forecasting every origin
/// through the exported ONNX model; or, with <c>--score</c>, scoring an existing forecast file the same way.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(TrainerConsole console, TimeProvider time)
    {
        var kit = new Option<string>("--kit") { Description = "Kit folder with series.csv, origins.csv and the series files (e.g. ../shared/accuracy/data); ../baselines.csv is shown beside the results when present." };
        var data = new Option<string>("--data") { Description = "A CSV of your own (timestamp,value or series_id,timestamp,value) instead of a kit." };
        var horizon = new Option<int>("--horizon") { Description = "With --data: steps forecast at each origin (H)." };
        var origins = new Option<int>("--origins") { Description = "With --data: origins (K), H apart over the last K·H rows." };
        var output = new Option<string>("--output") { Description = "Forecast CSV to write (series,origin_index,step,q10,q50,q90)." };
        var config = new Option<FileInfo>("--config") { Description = "Training rule for every series: a train configuration JSON, fields it omits at train's defaults (default rule: the auto recipe)." };
        var score = new Option<string>("--score") { Description = "Score this forecast CSV instead of training (extra columns are ignored)." };
        var method = new Option<string>("--method") { Description = "With --score: only rows whose method column has this value (e.g. ets in the kit's baselines_forecasts.csv)." };
        var only = new Option<string[]>("--series") { Description = "Only these series ids.", AllowMultipleArgumentsPerToken = true };
        var scores = new Option<string>("--scores") { Description = "Also write each series' figures at full precision to this CSV." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the trainer's own output for every series." };
        var command = new Command("backtest", "Train once per series on the rows before the first origin, forecast every rolling origin through ONNX Runtime, and score against the kit's baselines.");
        foreach (var option in new Option[] { kit, data, horizon, origins, output, config, score, method, only, scores, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => Task.FromResult(CommandErrors.Run(console, () =>
        {
            var kitFolder = parseResult.GetValue(kit);
            var dataFile = parseResult.GetValue(data);
            var scoreFile = parseResult.GetValue(score);
            var outputFile = parseResult.GetValue(output);
            if ((kitFolder is null) == (dataFile is null))
            {
                throw new ConfigException("give either --kit DIR or --data FILE");
            }

            if (kitFolder is not null && (parseResult.GetResult(horizon) is { Implicit: false } || parseResult.GetResult(origins) is { Implicit: false }))
            {
                throw new ConfigException("--horizon and --origins are for --data; a kit states its own");
            }

            if (scoreFile is null && outputFile is null)
            {
                throw new ConfigException("--output FILE is required (where the forecasts go)");
            }

            if (scoreFile is not null && parseResult.GetValue(config) is not null)
            {
                throw new ConfigException("--score scores forecasts already made; --config would train nothing");
            }

            var rule = parseResult.GetValue(config) is { } file ? BacktestRule.Load(file.FullName) : BacktestRule.Default();
            IReadOnlyList<BacktestSource> sources;
            var baselines = BaselineTable.Empty;
            if (kitFolder is not null)
            {
                sources = KitReader.Read(kitFolder);
                var baselinePath = Path.Combine(kitFolder, "..", BaselineTable.FileName);
                if (File.Exists(baselinePath))
                {
                    baselines = BaselineTable.Read(baselinePath);
                }
            }
            else
            {
                var h = parseResult.GetValue(horizon);
                var k = parseResult.GetValue(origins);
                if (h < 1 || k < 1)
                {
                    throw new ConfigException("--data needs --horizon H and --origins K, both at least 1");
                }

                sources = DataFileSources.Read(dataFile!, h, k, rule.Sets("frequency") ? rule.Config.Frequency : null, rule.Config.Seasonality, string.IsNullOrEmpty(rule.Config.Domain) ? "sensor" : rule.Config.Domain);
            }

            if (parseResult.GetValue(only) is { Length: > 0 } ids)
            {
                var unknown = ids.Where(id => sources.All(s => s.Id != id)).ToArray();
                if (unknown.Length > 0)
                {
                    throw new ConfigException($"--series: no series {string.Join(", ", unknown)} (there are {string.Join(", ", sources.Select(s => s.Id))})");
                }

                sources = [.. sources.Where(s => ids.Contains(s.Id))];
            }

            if (dataFile is not null)
            {
                baselines = ClassicalBaselines.Score(sources);
            }

            var runner = new BacktestRunner(console, time, parseResult.GetValue(verbose));
            IReadOnlyList<SeriesOutcome> outcomes;
            if (scoreFile is not null)
            {
                console.Line($"scoring {scoreFile}{(parseResult.GetValue(method) is { } m ? $" (method {m})" : string.Empty)} on {sources.Count} series");
                outcomes = runner.Score(sources, ForecastFile.Read(scoreFile, parseResult.GetValue(method)));
            }
            else
            {
                console.Line($"backtest of {sources.Count} series; rule: {rule.Description}");
                outcomes = runner.Run(sources, rule, outputFile!, cancellationToken);
            }

            BacktestReport.Print(console.Output, outcomes, baselines);
            if (parseResult.GetValue(scores) is { } scoresFile)
            {
                ScoreFile.Write(scoresFile, outcomes);
            }

            return outcomes.Any(o => o.Score is not null) ? CommandErrors.Success : CommandErrors.DataError;
        })));
        return command;
    }
}
