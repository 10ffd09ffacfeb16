using ForecastService.Api.Contracts;
using ForecastService.Api.Models;

namespace ForecastService.Api.Endpoints;

/// <summary>Projects repository entries onto the API's model descriptions.</summary>
internal static class ModelViews
{
    public static ModelSummary Summary(ModelEntry entry) => Fill(entry, new ModelSummary { Name = entry.Name, Versions = [], Status = string.Empty });

    public static ModelDetails Details(ModelEntry entry)
    {
        var card = (entry.Serving?.Card) ?? entry.Versions.LastOrDefault(v => v.Card is not null)?.Card;
        return Fill(entry, new ModelDetails
        {
            Name = entry.Name,
            Versions = [],
            Status = string.Empty,
            Metrics = card?.Metrics,
            IntendedUse = card?.IntendedUse,
            Limitations = card?.Limitations,
            Cell = card?.Cell,
            ParameterCount = card?.ParameterCount,
            CreatedAt = card?.CreatedAt,
        });
    }

    public static IEnumerable<ModelState> States(ModelCatalog catalog) =>
        catalog.Models.SelectMany(m => m.Versions.Select(v => new ModelState(
            v.Name,
            v.Version,
            v.Model is null ? "failed" : ReferenceEquals(v.Model, m.Serving) ? "serving" : "loaded",
            v.Model?.Forecaster.ExecutionProvider,
            v.Error)));

    private static T Fill<T>(ModelEntry entry, T view)
        where T : ModelSummary
    {
        var serving = entry.Serving;
        var card = serving?.Card ?? entry.Versions.LastOrDefault(v => v.Card is not null)?.Card;
        var failures = entry.Versions.Where(v => v.Error is not null).Select(v => new VersionFailure(v.Version, v.Error!)).ToArray();
        return view with
        {
            Domain = card?.Domain,
            Description = card?.Description,
            Version = serving?.Signature.Version,
            Versions = [.. entry.Versions.Select(v => v.Version)],
            Status = serving is null ? "failed" : "ready",
            Lookback = card?.Lookback,
            Horizon = card?.Horizon,
            // The canonical form, even where a hand-written card uses an alias such as "monthly".
            Frequency = serving?.Signature.Frequency.ToString() ?? card?.Frequency,
            Quantiles = card?.Quantiles,
            Levels = serving?.Signature.Levels,
            Streaming = serving is null ? null : serving.Step is not null,
            ExecutionProvider = serving?.Forecaster.ExecutionProvider,
            Failures = failures.Length == 0 ? null : failures,
        };
    }
}
