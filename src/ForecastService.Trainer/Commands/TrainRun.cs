using ForecastService.Core.Time;
using ForecastService.Trainer.Data;
using ForecastService.Trainer.Recipes;

namespace ForecastService.Trainer.Commands;

/// <summary>
/// One <c>train</c> invocation: load and split the data, train, export, verify under ONNX Runtime, evaluate the held-out
/// windows against seasonal naive, and only then write the model folder. Any failure before the final move leaves
/// the model repository untouched.
/// </summary>
internal sealed partial class TrainRun(TrainConfig config, TrainerConsole console, TimeProvider time, TrainRunSettings settings)
{
    public int Execute(CancellationToken cancellationToken)
    {
        var prepared = Prepare(config);
        // The recipe's choices are what the model is trained with and what train-config.json records.
        config = config with { Lookback = prepared.SplitOptions.Lookback, Seasonality = config.IsAuto ? prepared.Seasonality : config.Seasonality };

        PrintData(prepared);
        _ = TargetFolder();
        if (settings.DryRun)
        {
            console.Line("dry run: configuration and data are valid; nothing was written");
            return CommandErrors.Success;
        }

        return TrainAndWrite(prepared, cancellationToken);
    }

    /// <summary>Loads the data, checks it against the configuration and plans the windows.</summary>
    public static PreparedData Prepare(TrainConfig config)
    {
        Frequency? expected = config.Frequency is null ? null : Frequency.Parse(config.Frequency);
        var data = SeriesLoader.Load([.. config.Data.Select(d => d.Path)], config.FillGaps, expected, config.Calendar);
        IReadOnlyList<SeasonalPeriod> periods = [];
        string? seasonName = null;
        if (config.IsAuto)
        {
            (var lookback, periods) = AutoRecipe.Resolve(data.Frequency, config.Horizon, data.Series.Min(s => s.Length), config.Lookback);
            if (config.Seasonality > 0)
            {
                config = config with { Lookback = lookback };
            }
            else
            {
                var strongest = AutoRecipe.Strongest(periods, data.Series.Select(s => s.Values), config.Horizon, 1 - config.ValidationFraction - config.TestFraction);
                seasonName = strongest?.Name ?? "last value";
                config = config with { Lookback = lookback, Seasonality = strongest?.Length ?? 1 };
            }
        }
        else if (config.Lookback == 0)
        {
            config = config with { Lookback = TrainConfig.PlainLookback };
        }

        var seasonality = config.Seasonality > 0 ? config.Seasonality : data.Frequency.DefaultSeasonality;
        if (config.Lookback < seasonality + 2)
        {
            throw new ConfigException($"lookback {config.Lookback} must be at least seasonality + 2 = {seasonality + 2} so seasonal naive and its intervals can be computed from one window");
        }

        var options = new SplitOptions(config.Lookback, config.Horizon, config.ValidationFraction, config.TestFraction, config.TrainStride, config.EffectiveEvaluationStride);
        var split = WindowPlanner.Plan([.. data.Series.Select(s => s.Length)], options);
        var files = string.Join(", ", config.Data.Select(d => d.Path));
        if (split.Train.Count == 0 || split.Validation.Count == 0 || split.Test.Count == 0)
        {
            throw new DataFileException(files, null, $"too little data for lookback {config.Lookback} and horizon {config.Horizon}: {split.Train.Count} training, {split.Validation.Count} validation and {split.Test.Count} test windows (each split needs at least one)");
        }

        return new PreparedData(data, seasonality, CalendarFeatures.For(data.Frequency), split, options)
        {
            Periods = periods,
            SeasonalNaiveName = seasonName ?? AutoRecipe.NameOf(data.Frequency, seasonality),
        };
    }

    private void PrintData(PreparedData prepared)
    {
        var data = prepared.Data;
        var filled = data.Series.Sum(s => s.FilledSteps);
        console.Line($"data: {data.Series.Count} series, {data.Series.Sum(s => s.Length):N0} steps at {data.Frequency} (seasonality {prepared.Seasonality}){(filled > 0 ? $", {filled} filled by interpolation" : string.Empty)}");
        if (!data.Calendar.IsRegular)
        {
            console.Line($"calendar: {data.Calendar.Kind}, {data.Calendar.Description}; {data.Series.Sum(s => s.ClosedSteps):N0} closed step(s) skipped, not filled");
        }
        if (config.IsAuto)
        {
            console.Line($"auto: lookback {prepared.SplitOptions.Lookback}, seasonal periods [{string.Join(", ", prepared.Periods.Select(p => $"{p.Length} ({p.Name})"))}], seasonal naive baseline: {prepared.SeasonalNaiveName}");
        }

        console.Line($"windows: {prepared.Split.Train.Count:N0} train, {prepared.Split.Validation.Count:N0} validation, {prepared.Split.Test.Count:N0} held-out test (lookback {config.Lookback}, horizon {config.Horizon})");
    }
}
