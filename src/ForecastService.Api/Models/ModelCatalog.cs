namespace ForecastService.Api.Models;

/// <summary>
/// An immutable view of the model repository at one moment. The repository publishes a new catalog after each change,
/// so a request sees one consistent set of models from start to end.
/// </summary>
internal sealed class ModelCatalog
{
    private readonly Dictionary<string, ModelEntry> _byName;

    public ModelCatalog(IEnumerable<ModelEntry> models, bool isLoaded)
    {
        Models = [.. models.OrderBy(m => m.Name, StringComparer.Ordinal)];
        _byName = Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        IsLoaded = isLoaded;
    }

    public static ModelCatalog Empty { get; } = new([], isLoaded: false);

    public IReadOnlyList<ModelEntry> Models { get; }

    /// <summary>False until the first scan of the repository has finished.</summary>
    public bool IsLoaded { get; }

    public ModelEntry? Find(string name) => _byName.GetValueOrDefault(name);
}
