using System.Globalization;

namespace ForecastService.OnnxWriting;

/// <summary>
/// Builds an ONNX graph (inputs, initializers, nodes in topological order, outputs) and serializes it as a ModelProto.
/// Name clashes and bad initializer shapes fail when added (<see cref="ArgumentException"/>); a node input or graph
/// output that nothing produces fails in <see cref="Build"/> (<see cref="InvalidOperationException"/>).
/// Not thread-safe.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly string _graphName;
    private readonly List<OnnxValueSpec> _inputs = [];
    private readonly List<OnnxValueSpec> _outputs = [];
    private readonly List<OnnxTensorData> _initializers = [];
    private readonly List<OnnxNodeSpec> _nodes = [];

    // Every value name (graph input, initializer, node output) is defined once: ONNX graphs are in SSA form.
    private readonly Dictionary<string, string> _definedBy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName = "graph")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        _graphName = graphName;
    }

    /// <summary>Declares a graph input. Dimensions are fixed sizes, symbolic names, or <c>default</c> for unknown.</summary>
    public OnnxGraphBuilder AddInput(string name, TensorElementType type, params OnnxDim[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ValidateElementType(type);
        Define(name, "a graph input");
        _inputs.Add(new OnnxValueSpec(name, type, (OnnxDim[])shape.Clone()));
        return this;
    }

    /// <summary>Declares a graph output; something (an input, an initializer or a node) must produce it by <see cref="Build"/>.</summary>
    public OnnxGraphBuilder AddOutput(string name, TensorElementType type, params OnnxDim[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        ValidateElementType(type);
        if (_outputs.Exists(o => o.Name == name))
        {
            throw new ArgumentException($"Graph output '{name}' is already declared.", nameof(name));
        }

        _outputs.Add(new OnnxValueSpec(name, type, (OnnxDim[])shape.Clone()));
        return this;
    }

    /// <summary>Adds a float constant; <paramref name="values"/> is row-major and must hold the product of <paramref name="shape"/>.</summary>
    /// <returns><paramref name="name"/>, to use as a node input.</returns>
    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] shape) =>
        AddInitializer(OnnxTensorData.Create(name, TensorElementType.Float, values, shape));

    /// <inheritdoc cref="AddInitializer(string, ReadOnlySpan{float}, long[])"/>
    public string AddInitializer(string name, ReadOnlySpan<long> values, params long[] shape) =>
        AddInitializer(OnnxTensorData.Create(name, TensorElementType.Int64, values, shape));

    /// <inheritdoc cref="AddInitializer(string, ReadOnlySpan{float}, long[])"/>
    public string AddInitializer(string name, ReadOnlySpan<int> values, params long[] shape) =>
        AddInitializer(OnnxTensorData.Create(name, TensorElementType.Int32, values, shape));

    /// <summary>Adds a node of the default (ai.onnx) domain. An empty string in <paramref name="inputs"/> or <paramref name="outputs"/> omits that optional slot.</summary>
    public OnnxGraphBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes) =>
        AddNodeCore(opType, null, string.Empty, inputs, outputs, attributes);

    /// <inheritdoc cref="AddNode(string, IReadOnlyList{string}, IReadOnlyList{string}, OnnxAttribute[])"/>
    public OnnxGraphBuilder AddNode(string opType, string name, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return AddNodeCore(opType, name, string.Empty, inputs, outputs, attributes);
    }

    /// <summary>Adds a node of another operator domain, which <see cref="OnnxModelOptions.AdditionalOpsets"/> must import.</summary>
    public OnnxGraphBuilder AddNode(string opType, string name, string domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(domain);
        return AddNodeCore(opType, name, domain, inputs, outputs, attributes);
    }

    /// <summary>Validates the graph and serializes it. The builder stays usable; later changes do not affect the result.</summary>
    public OnnxModel Build(OnnxModelOptions? options = null)
    {
        options ??= new OnnxModelOptions();
        ValidateOptions(options);
        ValidateGraph(options);

        var model = new ProtoWriter(EstimateSize());
        model.WriteInt64(1, options.IrVersion);
        model.WriteString(2, options.ProducerName);
        if (options.ProducerVersion is { } producerVersion)
        {
            model.WriteString(3, producerVersion);
        }

        if (options.Domain is { } domain)
        {
            model.WriteString(4, domain);
        }

        if (options.ModelVersion is { } modelVersion)
        {
            model.WriteInt64(5, modelVersion);
        }

        if (options.DocString is { } docString)
        {
            model.WriteString(6, docString);
        }

        model.WriteMessage(7, EncodeGraph());
        model.WriteMessage(8, EncodeOpset(string.Empty, options.OpsetVersion));
        foreach (var (opsetDomain, version) in options.AdditionalOpsets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            model.WriteMessage(8, EncodeOpset(opsetDomain, version));
        }

        // Sorted so the same graph and options always give the same bytes.
        foreach (var (key, value) in options.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var entry = new ProtoWriter();
            entry.WriteString(1, key);
            entry.WriteString(2, value);
            model.WriteMessage(14, entry);
        }

        return new OnnxModel(model.ToArray());
    }

    private string AddInitializer(OnnxTensorData tensor)
    {
        Define(tensor.Name, "an initializer");
        _initializers.Add(tensor);
        return tensor.Name;
    }

    private OnnxGraphBuilder AddNodeCore(
        string opType, string? name, string domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(attributes);
        var label = name is null ? opType : $"{opType} '{name}'";

        if (inputs.Any(i => i is null))
        {
            throw new ArgumentException($"Node {label} has a null input name; use \"\" to omit an optional input.", nameof(inputs));
        }

        if (outputs.Any(o => o is null) || outputs.All(o => o.Length == 0))
        {
            throw new ArgumentException($"Node {label} needs at least one output, and no null output names.", nameof(outputs));
        }

        var attributeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            if (!attributeNames.Add(attribute.Name))
            {
                throw new ArgumentException($"Node {label} has attribute '{attribute.Name}' twice.", nameof(attributes));
            }
        }

        if (name is not null && _nodeNames.Contains(name))
        {
            throw new ArgumentException($"A node named '{name}' already exists.", nameof(name));
        }

        var outputSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in outputs.Where(o => o.Length > 0))
        {
            if (_definedBy.TryGetValue(output, out var previous) || !outputSet.Add(output))
            {
                throw new ArgumentException($"Node {label} output '{output}' is already defined by {previous ?? $"node {label}"}.", nameof(outputs));
            }
        }

        // Everything is checked before anything is recorded, so a rejected node leaves the builder unchanged.
        if (name is not null)
        {
            _nodeNames.Add(name);
        }

        foreach (var output in outputSet)
        {
            _definedBy.Add(output, $"node {label}");
        }

        _nodes.Add(new OnnxNodeSpec(opType, name, domain, [.. inputs], [.. outputs], (OnnxAttribute[])attributes.Clone()));
        return this;
    }

    private void Define(string name, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_definedBy.TryGetValue(name, out var previous))
        {
            throw new ArgumentException($"Cannot add '{name}' as {what}: the name is already defined by {previous}.", nameof(name));
        }

        _definedBy.Add(name, what);
    }

    private static void ValidateElementType(TensorElementType type)
    {
        if (type == TensorElementType.Undefined || !Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "A graph input or output needs a defined element type.");
        }
    }

    private static void ValidateOptions(OnnxModelOptions options)
    {
        if (options.OpsetVersion is < 7 or > 23)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OpsetVersion, "OpsetVersion must be in 7–23.");
        }

        if (options.IrVersion is < 7 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.IrVersion, "IrVersion must be in 7–10.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.ProducerName, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Metadata, nameof(options));
        ArgumentNullException.ThrowIfNull(options.AdditionalOpsets, nameof(options));
        foreach (var (key, value) in options.Metadata)
        {
            if (string.IsNullOrEmpty(key) || value is null)
            {
                throw new ArgumentException("Metadata keys must be non-empty and values non-null.", nameof(options));
            }
        }

        foreach (var (domain, version) in options.AdditionalOpsets)
        {
            if (string.IsNullOrWhiteSpace(domain) || domain == "ai.onnx" || version < 1)
            {
                throw new ArgumentException(
                    $"Additional opset '{domain}' v{version} is invalid: the domain must be named and not the default one, the version positive.",
                    nameof(options));
            }
        }
    }

    private void ValidateGraph(OnnxModelOptions options)
    {
        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{_graphName}' has no outputs; declare at least one with AddOutput.");
        }

        // ONNX requires nodes in topological order: a node may only read inputs, initializers and earlier nodes' outputs.
        var available = new HashSet<string>(StringComparer.Ordinal);
        available.UnionWith(_inputs.Select(i => i.Name));
        available.UnionWith(_initializers.Select(i => i.Name));
        foreach (var node in _nodes)
        {
            var label = node.Name is null ? node.OpType : $"{node.OpType} '{node.Name}'";
            foreach (var input in node.Inputs.Where(i => i.Length > 0))
            {
                if (!available.Contains(input))
                {
                    var why = _definedBy.TryGetValue(input, out var by)
                        ? $"it is produced by {by}, which is added after this node (nodes must be in topological order)"
                        : "no graph input, initializer or node defines it";
                    throw new InvalidOperationException($"Node {label} reads '{input}', but {why}.");
                }
            }

            if (node.Domain.Length > 0 && !options.AdditionalOpsets.ContainsKey(node.Domain))
            {
                throw new InvalidOperationException($"Node {label} uses domain '{node.Domain}', which OnnxModelOptions.AdditionalOpsets does not import.");
            }

            available.UnionWith(node.Outputs.Where(o => o.Length > 0));
        }

        foreach (var output in _outputs.Where(o => !available.Contains(o.Name)))
        {
            throw new InvalidOperationException($"Graph output '{output.Name}' is not produced by any graph input, initializer or node.");
        }
    }

    /// <summary>Encodes the GraphProto (onnx.proto: node=1, name=2, initializer=5, input=11, output=12).</summary>
    private ProtoWriter EncodeGraph()
    {
        var graph = new ProtoWriter(EstimateSize());
        var usedNames = new HashSet<string>(_nodeNames, StringComparer.Ordinal);
        for (var index = 0; index < _nodes.Count; index++)
        {
            var node = _nodes[index];
            // Unnamed nodes get "<OpType>_<index>" so ONNX Runtime's error messages can point at them.
            var name = node.Name;
            if (name is null)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{node.OpType}_{index}");
                for (var suffix = 1; !usedNames.Add(name); suffix++)
                {
                    name = string.Create(CultureInfo.InvariantCulture, $"{node.OpType}_{index}_{suffix}");
                }
            }

            graph.WriteMessage(1, node.Encode(name));
        }

        graph.WriteString(2, _graphName);
        foreach (var initializer in _initializers)
        {
            graph.WriteMessage(5, initializer.Encode());
        }

        foreach (var input in _inputs)
        {
            graph.WriteMessage(11, input.Encode());
        }

        foreach (var output in _outputs)
        {
            graph.WriteMessage(12, output.Encode());
        }

        return graph;
    }

    private static ProtoWriter EncodeOpset(string domain, int version)
    {
        var opset = new ProtoWriter(32);
        opset.WriteString(1, domain);
        opset.WriteInt64(2, version);
        return opset;
    }

    private int EstimateSize() => (int)Math.Min(int.MaxValue / 2, _initializers.Sum(i => (long)i.RawData.Length) + (_nodes.Count * 128) + 1024);
}
