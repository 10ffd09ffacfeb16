using System.Globalization;
using System.Text.Json.Nodes;

namespace ForecastService.Testing;

/// <summary>The models shipped in the repository's models/ folder (the latest version of each), read from disk.</summary>
public static class ShippedModels
{
    public static IReadOnlyList<ShippedModel> Latest()
    {
        var root = RepositoryPaths.Combine("models");
        return [.. Directory.GetDirectories(root)
            .Select(dir => Directory.GetDirectories(dir)
                .Where(v => int.TryParse(Path.GetFileName(v), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .MaxBy(v => int.Parse(Path.GetFileName(v), CultureInfo.InvariantCulture)))
            .Where(v => v is not null && File.Exists(Path.Combine(v, "model.json")))
            .Select(v => new ShippedModel(
                Path.GetFileName(Path.GetDirectoryName(v!)!),
                int.Parse(Path.GetFileName(v!), CultureInfo.InvariantCulture),
                v!))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];
    }
}

/// <summary>One shipped model version: its card and its ready request body (example.json).</summary>
public sealed record ShippedModel(string Name, int Version, string Directory)
{
    public JsonObject Card => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "model.json")))!;

    public string ExamplePath => Path.Combine(Directory, "example.json");

    public JsonObject Example => (JsonObject)JsonNode.Parse(File.ReadAllText(ExamplePath))!;
}
