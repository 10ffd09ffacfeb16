using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ForecastService.Testing;

/// <summary>YAML documents (compose, Kubernetes) with merge keys resolved, and small helpers to walk them.</summary>
public static class YamlFiles
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                current = next;
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    public static YamlNode Get(this YamlNode node, params string[] path) =>
        node.Find(path) ?? throw new KeyNotFoundException($"'{string.Join('.', path)}' is missing at {node.Start}.");

    public static string Scalar(this YamlNode node, params string[] path) =>
        ((YamlScalarNode)node.Get(path)).Value ?? string.Empty;

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) =>
        node.Find(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IReadOnlyDictionary<string, string> ScalarMap(this YamlNode node, params string[] path) =>
        node.Find(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (p.Value as YamlScalarNode)?.Value ?? string.Empty)
            : new Dictionary<string, string>();
}
