namespace ForecastService.Api.Models;

/// <summary>One model name in the repository with all its versions, loaded or failed.</summary>
internal sealed class ModelEntry
{
    public ModelEntry(string name, IEnumerable<ModelVersionEntry> versions)
    {
        Name = name;
        Versions = [.. versions.OrderBy(v => v.Version)];
        Serving = Versions.LastOrDefault(v => v.Model is not null)?.Model;
    }

    public string Name { get; }

    /// <summary>Every version found, ascending.</summary>
    public IReadOnlyList<ModelVersionEntry> Versions { get; }

    /// <summary>The highest version that loaded: what a request without a version gets. A failed newer version never hides it.</summary>
    public LoadedModel? Serving { get; }

    public ModelVersionEntry? Find(int version) => Versions.FirstOrDefault(v => v.Version == version);
}
