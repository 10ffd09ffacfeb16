using System.Globalization;

namespace ForecastService.Api.Models;

/// <summary>The result of <see cref="ModelRepository.Lease"/>: a leased model, or why there is none, in words for the caller.</summary>
internal sealed record ModelLookup(LookupOutcome Outcome, LoadedModel? Model, string Detail)
{
    public static ModelLookup Find(ModelCatalog catalog, string name, int? version)
    {
        if (catalog.Find(name) is not { } entry)
        {
            var known = catalog.Models.Count == 0 ? "none are loaded" : "known models: " + string.Join(", ", catalog.Models.Select(m => m.Name));
            return new(LookupOutcome.UnknownModel, null, $"There is no model named '{Clip(name)}'; {known}. GET /v1/models lists them.");
        }

        var versions = string.Join(", ", entry.Versions.Select(v => v.Version.ToString(CultureInfo.InvariantCulture)));
        if (version is null)
        {
            return entry.Serving is { } serving
                ? new(LookupOutcome.Found, serving, string.Empty)
                : new(LookupOutcome.Unavailable, null, $"No version of model '{name}' loaded ({Failures(entry)}). Fix or replace the model files; the repository reloads them without a restart.");
        }

        if (entry.Find(version.Value) is not { } found)
        {
            return new(LookupOutcome.UnknownVersion, null, $"Model '{name}' has no version {version}; its versions are {versions}. Omit the version to use the latest.");
        }

        return found.Model is { } model
            ? new(LookupOutcome.Found, model, string.Empty)
            : new(LookupOutcome.FailedVersion, null, $"Version {version} of model '{name}' failed to load: {found.Error}. Its versions are {versions}.");
    }

    private static string Failures(ModelEntry entry) =>
        string.Join("; ", entry.Versions.Select(v => $"v{v.Version.ToString(CultureInfo.InvariantCulture)}: {v.Error}"));

    private static string Clip(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
