using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ForecastService.Trainer.Commands;

/// <summary>
/// Everything that determines a trained model. Read from <c>--config</c> JSON and overridden by explicit command-line
/// options; the effective configuration is saved as <c>train-config.json</c> in the model folder, so training again
/// from that file rebuilds the same model (training is deterministic given the seed).
/// </summary>
public sealed partial record TrainConfig
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    // Identity and card text.
    public string Name { get; init; } = string.Empty;

    public int Version { get; init; } = 1;

    /// <summary>sensor, energy or finance.</summary>
    public string Domain { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public string? IntendedUse { get; init; }

    public string? Limitations { get; init; }

    // Data.
    public IReadOnlyList<DataFileConfig> Data { get; init; } = [];

    /// <summary>Expected frequency (e.g. <c>30min</c>); null to infer it from the data.</summary>
    public string? Frequency { get; init; }

    /// <summary>
    /// Which timestamps the series are observed at: <c>regular</c> (every step), <c>business-days</c> (1bd with
    /// holidays), <c>sessions</c> (intraday slots learned from the data) or <c>noleap</c> (no 29 February); null for
    /// business days at 1bd, noleap for data that lacks every 29 February it spans (two at least), and regular
    /// otherwise. Skipped calendar steps are neither filled nor errors; see models/README.md.
    /// </summary>
    public string? Calendar { get; init; }

    /// <summary>Longest run of missing steps to fill by linear interpolation; 0 refuses gaps.</summary>
    public int FillGaps { get; init; }

    /// <summary>
    /// <c>auto</c> (the default): the network corrects a classical forecast chosen on validation windows, and
    /// <see cref="Lookback"/> and <see cref="Seasonality"/>, unless given, are chosen by one rule from the frequency,
    /// the horizon and the data (see <see cref="Recipes.AutoRecipe"/>); <c>plain</c>: the network alone, with the
    /// fields as given. The default is auto because the plain network alone lost to seasonal naive on most real series
    /// (docs/accuracy.md), and the guardrail then refuses to write it.
    /// </summary>
    public string Recipe { get; init; } = RecipeAuto;

    public const string RecipeAuto = "auto";

    public const string RecipePlain = "plain";

    [JsonIgnore]
    public bool IsAuto => Recipe == RecipeAuto;

    // Windows and split.

    /// <summary>Observed steps per window; 0 lets the recipe choose (the auto rule, or <see cref="PlainLookback"/>).</summary>
    public int Lookback { get; init; }

    /// <summary>The plain recipe's lookback when none is given.</summary>
    public const int PlainLookback = 96;

    public int Horizon { get; init; } = 24;

    /// <summary>Season length for seasonal naive and MASE; 0 takes the frequency's default.</summary>
    public int Seasonality { get; init; }

    public double ValidationFraction { get; init; } = 0.15;

    public double TestFraction { get; init; } = 0.15;

    public int TrainStride { get; init; } = 1;

    /// <summary>Steps between validation and test windows; 0 means one horizon (non-overlapping windows).</summary>
    public int EvaluationStride { get; init; }

    // Network.
    public string Cell { get; init; } = "lstm";

    public int Layers { get; init; } = 1;

    public int HiddenSize { get; init; } = 32;

    public double Dropout { get; init; } = 0.1;

    public int HeadHiddenSize { get; init; }

    public IReadOnlyList<double> Quantiles { get; init; } = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

    // Optimisation.
    public int Epochs { get; init; } = 30;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.002;

    public double WeightDecay { get; init; } = 0.0001;

    public double GradientClipNorm { get; init; } = 1.0;

    public int Patience { get; init; } = 5;

    public int Seed { get; init; } = 42;

    /// <summary>Worker threads for training (the network trainer gives the same result for any count).</summary>
    public int Threads { get; init; } = 2;

    // Output.
    public string Output { get; init; } = "models";

    public int ChartWindows { get; init; } = 3;

    [JsonIgnore]
    public int EffectiveEvaluationStride => EvaluationStride > 0 ? EvaluationStride : Horizon;

    public static TrainConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainConfig>(File.ReadAllText(path), JsonOptions)
                ?? throw new ConfigException($"{path}: the configuration is empty (null).");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ConfigException($"{path}: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Every problem with the configuration, in words; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Require(NamePattern().IsMatch(Name), $"name '{Name}' must be lower-case letters, digits and dashes (e.g. energy-load)");
        Require(Version >= 1, "version must be a positive integer");
        Require(Domain is "sensor" or "energy" or "finance", $"domain '{Domain}' must be sensor, energy or finance");
        Require(!string.IsNullOrWhiteSpace(Description), "description is required (it goes on the model card)");
        Require(Data.Count > 0, "at least one data file is required (--data or \"data\" in the config)");
        Require(Frequency is null || Core.Time.Frequency.TryParse(Frequency, out _), $"frequency '{Frequency}' is not a frequency; accepted: {Core.Time.Frequency.AcceptedForms}");
        Require(Calendar is null or Core.Time.SeriesCalendar.RegularKind or Core.Time.SeriesCalendar.BusinessDaysKind or Core.Time.SeriesCalendar.SessionsKind or Core.Time.SeriesCalendar.NoLeapKind, $"calendar '{Calendar}' must be regular, business-days, sessions or noleap");
        Require(Recipe is RecipeAuto or RecipePlain, $"recipe '{Recipe}' must be auto or plain");
        Require(FillGaps >= 0, "fill-gaps must be 0 or more");
        Require(Lookback is 0 or >= 2, "lookback must be at least 2 (or 0: chosen by the recipe)");
        Require(Horizon >= 1, "horizon must be at least 1");
        Require(Seasonality >= 0, "seasonality must be 0 (the frequency's default) or more");
        Require(ValidationFraction > 0 && TestFraction > 0 && ValidationFraction + TestFraction < 0.9, "validation and test fractions must be positive and leave at least 10% for training");
        Require(TrainStride >= 1 && EvaluationStride >= 0, "train stride must be at least 1 and evaluation stride 0 or more");
        Require(Cell is "lstm" or "gru" or "rnn", $"cell '{Cell}' must be lstm, gru or rnn");
        Require(Layers >= 1 && HiddenSize >= 1 && HeadHiddenSize >= 0, "layers and hidden size must be at least 1, head hidden size 0 or more");
        Require(Dropout is >= 0 and < 1, "dropout must be in [0, 1)");
        Require(Quantiles.Count > 0 && Quantiles.All(q => q is > 0 and < 1) && Quantiles.Zip(Quantiles.Skip(1)).All(p => p.First < p.Second), "quantiles must be strictly ascending levels in (0, 1)");
        Require(new[] { 0.1, 0.5, 0.9 }.All(level => Quantiles.Any(q => Math.Abs(q - level) < 1e-9)), "quantiles must include 0.1, 0.5 and 0.9 (the median and the 80% interval are evaluated)");
        Require(Epochs >= 1 && BatchSize >= 1 && Patience >= 1 && Threads >= 1, "epochs, batch size, patience and threads must be at least 1");
        Require(LearningRate > 0 && WeightDecay >= 0 && GradientClipNorm > 0, "learning rate and gradient clip norm must be positive, weight decay 0 or more");
        Require(!string.IsNullOrWhiteSpace(Output), "output folder is required");
        Require(ChartWindows >= 0, "chart windows must be 0 or more");
        return errors;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
