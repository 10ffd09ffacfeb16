using System.Globalization;
using ForecastService.Core.Models;
using ForecastService.Trainer.Commands;
using ForecastService.Trainer.Data;
using ForecastService.Trainer.Export;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Cards;

/// <summary>Builds the model card and the ONNX metadata of a trained model, from the same facts so they cannot disagree.</summary>
internal static class ModelCardFactory
{
    /// <summary>How the network normalises windows, for the card and the metadata.</summary>
    public const string Scaling = ForecastModelExporter.ScalingDescription;

    /// <summary>How the anchored recipe normalises windows and outputs.</summary>
    public const string AnchoredScaling = "per-window: encoder z = (x - mean) / s as the plain recipe; output = anchor + d * q, d = mean |x_t - x_(t-1)| + 0.001 * (|mean| + 0.001)";

    public const string ScaledValueFeature = "value_scaled";

    public static IReadOnlyList<string> Features(PreparedData prepared) => [ScaledValueFeature, .. prepared.Features.Names];

    public static Dictionary<string, string> Metadata(TrainConfig config, PreparedData prepared)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prepared);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelContract.Metadata.ContractVersion] = ModelContract.Version.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Name] = config.Name,
            [ModelContract.Metadata.Version] = config.Version.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Domain] = config.Domain,
            [ModelContract.Metadata.Lookback] = config.Lookback.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Horizon] = config.Horizon.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Frequency] = prepared.Frequency.ToString(),
            [ModelContract.Metadata.Quantiles] = string.Join(',', config.Quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture))),
            [ModelContract.Metadata.Covariates] = string.Join(',', prepared.Features.Names),
            [ModelContract.Metadata.Features] = string.Join(',', Features(prepared)),
            [ModelContract.Metadata.Cell] = config.Cell,
            [ModelContract.Metadata.Scaling] = config.IsAuto ? AnchoredScaling : Scaling,
            [ModelContract.Metadata.TrainingDataSha256] = SeriesLoader.CombinedSha256(prepared.Data.Files),
        };
    }

    public static ModelCard Create(
        TrainConfig config,
        PreparedData prepared,
        FitResult fit,
        ForecastNetwork network,
        HeldOutMetrics metrics,
        string onnxSha256,
        string? stepSha256,
        DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(network);
        var sources = config.Data.ToDictionary(d => d.Path, d => d.Source, StringComparer.Ordinal);
        return new ModelCard
        {
            Name = config.Name,
            Version = config.Version,
            Domain = config.Domain,
            Description = config.Description,
            IntendedUse = config.IntendedUse,
            Limitations = config.Limitations,
            Lookback = config.Lookback,
            Horizon = config.Horizon,
            Frequency = prepared.Frequency.ToString(),
            Calendar = CalendarSpec.Of(prepared.Data.Calendar),
            Seasonality = prepared.Seasonality,
            Quantiles = [.. config.Quantiles],
            Features = Features(prepared),
            Covariates = [.. prepared.Features.Names],
            Cell = config.Cell,
            Layers = config.Layers,
            HiddenSize = config.HiddenSize,
            Dropout = config.Dropout,
            ParameterCount = network.ParameterCount,
            Recipe = RecipeText(network),
            Scaling = network.Config.Anchor is null ? Scaling : AnchoredScaling,
            Data = [.. prepared.Data.Files.Select(f => new DataSource(f.Path.Replace('\\', '/'), sources.GetValueOrDefault(f.Path, string.Empty), f.Sha256, f.Series, f.Rows))],
            Training = new TrainingSummary
            {
                Epochs = fit.History.Count,
                BestEpoch = fit.BestEpoch,
                DurationSeconds = Math.Round(fit.Duration.TotalSeconds, 1),
                Seed = config.Seed,
                TrainWindows = prepared.Split.Train.Count,
                ValidationWindows = prepared.Split.Validation.Count,
                TrainLoss = [.. fit.History.Select(e => Math.Round((double)e.TrainLoss, 6))],
                ValidationLoss = [.. fit.History.Select(e => Math.Round((double)e.ValidationLoss, 6))],
            },
            Metrics = Rounded(metrics),
            Streaming = stepSha256 is null ? new StreamingSupport(false) : new StreamingSupport(true, ModelContract.Step.FileName, stepSha256),
            CreatedAt = createdAt,
            OnnxSha256 = onnxSha256,
        };
    }

    /// <summary>The anchored recipe in words: the classical forecast, how much of the network is kept, how intervals are made.</summary>
    public static string? RecipeText(ForecastNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Config.Anchor is not { } anchor)
        {
            return null;
        }

        var gain = anchor.ResidualGain.ToString("0.0#", CultureInfo.InvariantCulture);
        var correction = anchor.ResidualGain == 0
            ? "the network's correction is switched off (it did not help on the validation windows)"
            : $"plus {gain} x the network's correction";
        var intervals = anchor.QuantileOffsets is null
            ? "intervals from the network's quantiles"
            : "intervals from conformal offsets (validation residuals per step)";
        return $"auto: {anchor.Name}, {correction}; {intervals}";
    }

    private static HeldOutMetrics Rounded(HeldOutMetrics m) => m with
    {
        Model = Rounded(m.Model),
        SeasonalNaive = Rounded(m.SeasonalNaive),
        Naive = m.Naive is null ? null : Rounded(m.Naive),
    };

    private static ForecastMetrics Rounded(ForecastMetrics m) =>
        new(Math.Round(m.Mase, 4), Math.Round(m.Smape, 3), Math.Round(m.Mae, 4), Math.Round(m.Coverage80, 4), Math.Round(m.Width80, 4));
}
