using System.Globalization;
using System.Text;
using ForecastService.Core.Time;
using ForecastService.Inference;
using ForecastService.Trainer.Commands;
using ForecastService.Trainer.Data;

// Backtesting, not Backtest: a namespace ForecastService.Trainer.Backtest would hide the Evaluation.Backtest class
// from every file under ForecastService.Trainer that calls Backtest.Score.
namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Runs the rolling-origin protocol series by series: train once on the rows before origin 1 with the ordinary
/// <c>train</c> pipeline (into a scratch folder), forecast every origin with the exported model under ONNX Runtime,
/// write the forecast file and score the series. A series that fails for any reason is NOT SCORED with that reason
/// and the others go on; only cancellation stops the run.
/// </summary>
internal sealed class BacktestRunner(TrainerConsole console, TimeProvider time, bool verbose)
{
    /// <summary>Trains and forecasts every series; rewrites <paramref name="forecastFile"/> after each one.</summary>
    public IReadOnlyList<SeriesOutcome> Run(IReadOnlyList<BacktestSource> sources, BacktestRule rule, string forecastFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(rule);
        var outcomes = new List<SeriesOutcome>();
        var forecasts = new List<ForecastRow>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            console.Line($"[{i + 1}/{sources.Count}] {source.Id}");
            outcomes.Add(Guard(source.Id, () =>
            {
                var series = source.Load();
                var (rows, trainingTime) = TrainAndForecast(series, rule, cancellationToken);
                forecasts.AddRange(rows);
                ForecastFile.Write(forecastFile, forecasts);
                var score = KitScorer.Score(series, rows);
                console.Line(string.Create(CultureInfo.InvariantCulture, $"  MASE {score.Mase:F3}, sMAPE {score.Smape:F2}, coverage80 {score.Coverage80:F2}, width80 {score.Width80:G4}; train, export and checks {trainingTime.TotalSeconds:F1} s"));
                return new SeriesOutcome(series.Id, score, trainingTime, null);
            }));
        }

        console.Line($"wrote {forecasts.Count:N0} forecast rows to {forecastFile}");
        return outcomes;
    }

    /// <summary>Scores an existing forecast file (the kit's format) against the series, with no training.</summary>
    public IReadOnlyList<SeriesOutcome> Score(IReadOnlyList<BacktestSource> sources, IReadOnlyList<ForecastRow> rows)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(rows);
        var bySeries = rows.ToLookup(r => r.Series, StringComparer.Ordinal);
        return [.. sources.Select(source => Guard(source.Id, () =>
        {
            var series = source.Load();
            return bySeries.Contains(series.Id)
                ? new SeriesOutcome(series.Id, KitScorer.Score(series, bySeries[series.Id]), null, null)
                : new SeriesOutcome(series.Id, null, null, "no forecasts");
        }))];
    }

    /// <summary>Trains on rows 1..train_n(1) only, then forecasts every origin through the exported model.</summary>
    private (IReadOnlyList<ForecastRow> Rows, TimeSpan TrainingTime) TrainAndForecast(BacktestSeries series, BacktestRule rule, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("forecast-backtest-").FullName;
        try
        {
            // The training file holds the rows before origin 1 and nothing else, so no later row can reach training.
            var csv = Path.Combine(scratch, $"{BacktestRule.ModelName(series.Id)}.csv");
            WriteTrainingRows(series, csv);
            var config = rule.For(series, csv, Path.Combine(scratch, "models"));
            var errors = config.Validate();
            if (errors.Count > 0)
            {
                throw new ConfigException("the rule gives an invalid configuration for this series: " + string.Join("; ", errors));
            }

            var lookback = config.Lookback > 0 ? config.Lookback.ToString(CultureInfo.InvariantCulture) : config.IsAuto ? "by the auto recipe" : $"{TrainConfig.PlainLookback}";
            var season = config.Seasonality > 0 ? config.Seasonality.ToString(CultureInfo.InvariantCulture) : config.IsAuto ? "by the auto recipe" : "the frequency's";
            var shape = lookback == season ? $"lookback and seasonality {season}" : $"lookback {lookback}, seasonality {season}";
            console.Line($"  training on rows 1..{series.TrainingRows} (frequency {config.Frequency ?? "inferred"}, horizon {config.Horizon}, {shape})");
            var log = new StringWriter();
            var trainConsole = verbose ? console : TrainerConsole.Plain(log, log);
            var started = time.GetTimestamp();
            try
            {
                // A backtest measures the recipe, so a model that loses on its own held-out split is still forecast and scored.
                new TrainRun(config, trainConsole, time, new TrainRunSettings(Quiet: true, DryRun: false, Force: true, AllowWorseThanBaseline: true)).Execute(cancellationToken);
            }
            catch (Exception e) when (e is DataFileException or ConfigException or ModelFolderException)
            {
                // The trainer names its scratch copy of the rows; say which rows those are.
                throw new ConfigException($"train (on rows 1..{series.TrainingRows}): {e.Message}", e);
            }

            var trainingTime = time.GetElapsedTime(started);
            if (!verbose)
            {
                foreach (var line in log.ToString().Split('\n').Where(l => l.StartsWith("trained in", StringComparison.Ordinal)))
                {
                    console.Line($"  {line.TrimEnd()}");
                }
            }

            using var forecaster = OriginForecaster.Load(Path.Combine(config.Output, config.Name, "1"));
            console.Line($"  forecasting {series.Origins.Length} origins from the last {forecaster.Lookback} rows before each");
            return (forecaster.Forecast(series, cancellationToken), trainingTime);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void WriteTrainingRows(BacktestSeries series, string path)
    {
        var text = new StringBuilder("timestamp,value\n");
        for (var t = 0; t < series.TrainingRows; t++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Timestamps.Format(series.Timestamps[t])},{series.Values[t]:R}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    private SeriesOutcome Guard(string id, Func<SeriesOutcome> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Robustness is the point here: one broken series must not cost the others' results.
            var reason = e is DataFileException or ConfigException or ModelFolderException or OnnxRuntimeException or ArgumentException
                ? e.Message
                : $"{e.GetType().Name}: {e.Message}";
            console.Line($"  NOT SCORED: {reason}");
            return new SeriesOutcome(id, null, null, reason);
        }
    }
}
