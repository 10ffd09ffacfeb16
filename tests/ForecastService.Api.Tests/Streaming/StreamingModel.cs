using System.Globalization;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Core.Time;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>
/// A model shipped in models/ with its step model (step.onnx) and history.json, copied into a fixture repository so
/// a test can change the repository freely; read from disk as a client would, not through the service's types.
/// </summary>
public sealed class StreamingModel
{
    private StreamingModel(string name, string directory)
    {
        Name = name;
        Directory = directory;
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "model.json")))!;
        Lookback = (int)card["lookback"]!;
        Horizon = (int)card["horizon"]!;
        Frequency = Core.Time.Frequency.Parse((string)card["frequency"]!);
        Cell = (string)card["cell"]!;
        Layers = (int)card["layers"]!;
        HiddenSize = (int)card["hiddenSize"]!;
        Quantiles = [.. card["quantiles"]!.AsArray().Select(q => (double)q!)];
        var series = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "history.json")))!["series"]![0]!;
        SeriesId = (string)series["id"]!;
        Timestamps = [.. series["timestamps"]!.AsArray().Select(t => (string)t!)];
        Values = [.. series["values"]!.AsArray().Select(v => (double)v!)];
    }

    public string Name { get; }

    /// <summary>The version folder in the fixture repository.</summary>
    public string Directory { get; }

    public int Lookback { get; }

    public int Horizon { get; }

    public Frequency Frequency { get; }

    public string Cell { get; }

    public int Layers { get; }

    public int HiddenSize { get; }

    public double[] Quantiles { get; }

    public string SeriesId { get; }

    public string[] Timestamps { get; }

    public double[] Values { get; }

    public string StepPath => Path.Combine(Directory, "step.onnx");

    /// <summary>Copies models/<paramref name="name"/>/1 into <paramref name="repository"/>.</summary>
    public static StreamingModel CopyShipped(FixtureRepository repository, string name)
    {
        var source = Path.Combine(RepositoryPaths.Root, "models", name, "1");
        var target = repository.VersionDirectory(name, 1);
        System.IO.Directory.CreateDirectory(target);

        // Graphs last, as FixtureRepository does: a poll that catches the folder half-copied finds a model missing.
        foreach (var file in System.IO.Directory.GetFiles(source).OrderBy(f => f.EndsWith(".onnx", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return new StreamingModel(name, target);
    }

    /// <summary>A warm-up body on points [<paramref name="from"/>, <paramref name="from"/> + count) of the history.</summary>
    public JsonObject WarmBody(string id, int from = 0, int? count = null) => new()
    {
        ["model"] = Name,
        ["id"] = id,
        ["timestamps"] = Array(Timestamps.Skip(from).Take(count ?? Lookback)),
        ["values"] = Array(Values.Skip(from).Take(count ?? Lookback)),
    };

    /// <summary>An observations body with points [<paramref name="from"/>, <paramref name="from"/> + count) of the history.</summary>
    public JsonObject ObservationBody(int from, int count) => new()
    {
        ["timestamps"] = Array(Timestamps.Skip(from).Take(count)),
        ["values"] = Array(Values.Skip(from).Take(count)),
    };

    public static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    public static JsonArray Array(IEnumerable<double> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    public string Key(int q) => Quantiles[q].ToString(CultureInfo.InvariantCulture);
}
