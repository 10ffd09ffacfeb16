using System.Text.Json;
using System.Text.Json.Serialization;

namespace ForecastService.Core.Models;

/// <summary>Reads and writes <c>model.json</c>.</summary>
public static class ModelCardSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(ModelCard card) => JsonSerializer.Serialize(card, Options);

    /// <exception cref="JsonException">The text is not a valid card.</exception>
    public static ModelCard Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, Options) ?? throw new JsonException("model.json is empty (null).");

    public static ModelCard Load(string path) => Deserialize(File.ReadAllText(path));

    public static void Save(ModelCard card, string path) => File.WriteAllText(path, Serialize(card) + "\n");
}
