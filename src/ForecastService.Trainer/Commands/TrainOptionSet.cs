using System.CommandLine;
using System.Globalization;

namespace ForecastService.Trainer.Commands;

/// <summary>The <see cref="TrainConfig"/> fields as command-line options, and how an explicit option overrides a field.</summary>
internal sealed class TrainOptionSet
{
    private readonly List<Func<ParseResult, TrainConfig, TrainConfig>> _overrides = [];

    public TrainOptionSet(Command command)
    {
        var defaults = new TrainConfig();
        Add<string>(command, "--name", "Model name: lower-case letters, digits and dashes.", (c, v) => c with { Name = v });
        Add<int>(command, "--version", "Model version (positive integer).", (c, v) => c with { Version = v });
        Add<string>(command, "--domain", "sensor, energy or finance.", (c, v) => c with { Domain = v });
        Add<string>(command, "--description", "One paragraph for the model card.", (c, v) => c with { Description = v });
        Add<string>(command, "--intended-use", "What the model is good for (model card).", (c, v) => c with { IntendedUse = v });
        Add<string>(command, "--limitations", "Where the model is weak (model card).", (c, v) => c with { Limitations = v });

        var data = new Option<string[]>("--data") { Description = "CSV file (timestamp,value or series_id,timestamp,value); repeat for several.", AllowMultipleArgumentsPerToken = true };
        var source = new Option<string[]>("--source") { Description = "Provenance of each --data file, in the same order.", AllowMultipleArgumentsPerToken = true };
        command.Options.Add(data);
        command.Options.Add(source);
        _overrides.Add((parse, config) =>
        {
            if (parse.GetResult(data) is not { Implicit: false })
            {
                return config;
            }

            var paths = parse.GetValue(data) ?? [];
            var sources = parse.GetValue(source) ?? [];
            return config with { Data = [.. paths.Select((p, i) => new DataFileConfig(p, i < sources.Length ? sources[i] : string.Empty))] };
        });

        Add<string>(command, "--frequency", $"Expected frequency ({Core.Time.Frequency.AcceptedForms}); inferred when absent.", (c, v) => c with { Frequency = v });
        Add<string>(command, "--calendar", "regular, business-days (1bd with holidays; the default at 1bd), sessions (intraday slots learned from the data, e.g. trading hours) or noleap (no 29 February; the default for data that lacks every one of two or more it spans).", (c, v) => c with { Calendar = v });
        Add<string>(command, "--recipe", $"auto (a classical forecast chosen on validation windows, corrected by the network; lookback and seasonality by rule unless given) or plain (the network alone) (default {defaults.Recipe}).", (c, v) => c with { Recipe = v });
        Add<int>(command, "--fill-gaps", $"Interpolate gaps of up to N missing steps (default {defaults.FillGaps}: refuse gaps).", (c, v) => c with { FillGaps = v });
        Add<int>(command, "--lookback", $"Observed steps per window (default: the auto recipe's rule; {TrainConfig.PlainLookback} with --recipe plain).", (c, v) => c with { Lookback = v });
        Add<int>(command, "--horizon", $"Steps forecast per window (default {defaults.Horizon}).", (c, v) => c with { Horizon = v });
        Add<int>(command, "--seasonality", "Season length for seasonal naive and MASE (default: the auto recipe's strongest calendar cycle; the frequency's with --recipe plain).", (c, v) => c with { Seasonality = v });
        Add<double>(command, "--validation-fraction", $"Share of each series for validation targets (default {defaults.ValidationFraction}).", (c, v) => c with { ValidationFraction = v });
        Add<double>(command, "--test-fraction", $"Share of each series' end held out for testing (default {defaults.TestFraction}).", (c, v) => c with { TestFraction = v });
        Add<int>(command, "--train-stride", $"Steps between training windows (default {defaults.TrainStride}).", (c, v) => c with { TrainStride = v });
        Add<int>(command, "--eval-stride", "Steps between validation/test windows (default: the horizon).", (c, v) => c with { EvaluationStride = v });
        Add<string>(command, "--cell", $"lstm, gru or rnn (default {defaults.Cell}).", (c, v) => c with { Cell = v });
        Add<int>(command, "--layers", $"Stacked recurrent layers (default {defaults.Layers}).", (c, v) => c with { Layers = v });
        Add<int>(command, "--hidden", $"Hidden size (default {defaults.HiddenSize}).", (c, v) => c with { HiddenSize = v });
        Add<double>(command, "--dropout", $"Dropout between layers (default {defaults.Dropout}).", (c, v) => c with { Dropout = v });
        Add<int>(command, "--head-hidden", "Hidden width of the dense head; 0 for a linear head (default 0).", (c, v) => c with { HeadHiddenSize = v });
        AddParsed(command, "--quantiles", $"Quantile levels, comma-separated (default {string.Join(',', defaults.Quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture)))}).", (c, v) => c with { Quantiles = v }, ParseQuantiles);
        Add<int>(command, "--epochs", $"Maximum epochs (default {defaults.Epochs}).", (c, v) => c with { Epochs = v });
        Add<int>(command, "--batch-size", $"Windows per batch (default {defaults.BatchSize}).", (c, v) => c with { BatchSize = v });
        Add<double>(command, "--learning-rate", $"Peak Adam learning rate (default {defaults.LearningRate}).", (c, v) => c with { LearningRate = v });
        Add<double>(command, "--weight-decay", $"Decoupled weight decay (default {defaults.WeightDecay}).", (c, v) => c with { WeightDecay = v });
        Add<double>(command, "--clip-norm", $"Gradient clipping by global norm (default {defaults.GradientClipNorm}).", (c, v) => c with { GradientClipNorm = v });
        Add<int>(command, "--patience", $"Early stopping patience in epochs (default {defaults.Patience}).", (c, v) => c with { Patience = v });
        Add<int>(command, "--seed", $"Random seed (default {defaults.Seed}).", (c, v) => c with { Seed = v });
        Add<int>(command, "--threads", $"Training threads (default {defaults.Threads}); results do not depend on it.", (c, v) => c with { Threads = v });
        Add<string>(command, "--output", $"Model repository folder (default {defaults.Output}).", (c, v) => c with { Output = v });
        Add<int>(command, "--chart-windows", $"Held-out windows drawn in forecast.svg (default {defaults.ChartWindows}).", (c, v) => c with { ChartWindows = v });
    }

    public TrainConfig Apply(ParseResult parseResult, TrainConfig config)
    {
        foreach (var apply in _overrides)
        {
            config = apply(parseResult, config);
        }

        return config;
    }

    private static IReadOnlyList<double> ParseQuantiles(string text)
    {
        var levels = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var level))
            {
                throw new ConfigException($"--quantiles: '{part}' is not a number");
            }

            levels.Add(level);
        }

        return levels;
    }

    private void Add<T>(Command command, string name, string description, Func<TrainConfig, T, TrainConfig> apply)
    {
        var option = new Option<T>(name) { Description = description };
        command.Options.Add(option);
        _overrides.Add((parse, config) => parse.GetResult(option) is { Implicit: false } ? apply(config, parse.GetValue(option)!) : config);
    }

    private void AddParsed<TValue>(Command command, string name, string description, Func<TrainConfig, TValue, TrainConfig> apply, Func<string, TValue> convert)
    {
        var option = new Option<string>(name) { Description = description };
        command.Options.Add(option);
        _overrides.Add((parse, config) => parse.GetResult(option) is { Implicit: false } ? apply(config, convert(parse.GetValue(option)!)) : config);
    }
}
