using System.Globalization;
using System.Text.Json;
using ForecastService.Core.Time;
using ForecastService.Trainer.Commands;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// The one training rule a backtest applies to every series: a <c>train</c> configuration (by default the trainer's
/// defaults with the <c>auto</c> recipe, or a <c>--config</c> JSON file in <c>train</c>'s format) from which each
/// series' configuration is made.
/// </summary>
/// <remarks>
/// Per series, the identity, data and output fields are replaced (a scratch model of rows 1..train_n(1) only) and the
/// horizon is always the protocol's H. Lookback, seasonality and frequency come from the rule when its file sets
/// them. Otherwise the <c>auto</c> recipe chooses lookback and seasonality by its own rule, the <c>plain</c> one takes
/// the kit's L and m, and the frequency is the kit's name (one the trainer does not know leaves it to be inferred
/// from the timestamps). The forecaster reads the model's own lookback from its card.
/// </remarks>
internal sealed class BacktestRule
{
    private readonly HashSet<string> _given;

    private BacktestRule(TrainConfig config, string description, HashSet<string> given)
    {
        Config = config;
        Description = description;
        _given = given;
    }

    public TrainConfig Config { get; }

    /// <summary>Where the rule came from, for the report.</summary>
    public string Description { get; }

    /// <summary>The trainer's defaults, as a new model gets them (the <c>auto</c> recipe).</summary>
    public static BacktestRule Default() => new(new TrainConfig(), "the trainer's defaults (the auto recipe)", []);

    public static BacktestRule Load(string path)
    {
        var config = TrainConfig.Load(path);
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigException($"{path}: a rule is a JSON object of train configuration fields");
        }

        var given = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new BacktestRule(config, path, given);
    }

    /// <summary>True when the rule's file sets <paramref name="field"/> (a JSON property name of <see cref="TrainConfig"/>).</summary>
    public bool Sets(string field) => _given.Contains(field);

    /// <summary>The configuration that trains <paramref name="series"/>' scratch model from <paramref name="trainingCsv"/>.</summary>
    public TrainConfig For(BacktestSeries series, string trainingCsv, string output)
    {
        ArgumentNullException.ThrowIfNull(series);
        var frequency = Sets("frequency") ? Config.Frequency
            : series.Frequency is { } named && Frequency.TryParse(named, out _) ? named
            : null;
        return Config with
        {
            Name = ModelName(series.Id),
            Version = 1,
            Domain = series.Domain,
            Description = string.Create(CultureInfo.InvariantCulture, $"Backtest model of {series.Id}, trained on its rows 1..{series.TrainingRows}."),
            Data = [new DataFileConfig(trainingCsv, $"{series.Id}, rows 1..{series.TrainingRows}")],
            Frequency = frequency,
            Horizon = series.Horizon,
            // The auto recipe chooses both by its own rule unless the rule file fixes them; plain takes the kit's.
            Lookback = Sets("lookback") || Config.IsAuto ? Config.Lookback : series.Lookback ?? Config.Lookback,
            Seasonality = Sets("seasonality") || Config.IsAuto ? Config.Seasonality : series.Seasonality,
            Output = output,
        };
    }

    /// <summary>A model name the trainer accepts (lower-case letters, digits and dashes) made from a series id.</summary>
    public static string ModelName(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var name = new string([.. id.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        var parts = name.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "series" : string.Join('-', parts);
    }
}
