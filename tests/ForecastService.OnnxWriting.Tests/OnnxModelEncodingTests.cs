using System.Buffers.Binary;

namespace ForecastService.OnnxWriting.Tests;

/// <summary>
/// Decodes the written bytes with a test-side protobuf reader and checks them against onnx.proto's field numbers,
/// which are spelled out here from the spec rather than taken from the writer.
/// </summary>
public sealed class OnnxModelEncodingTests
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelDocString = 6;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    [Fact]
    public void Build_WithOptions_WritesModelFieldsOpsetAndMetadata()
    {
        var model = SmallGraph().Build(new OnnxModelOptions
        {
            OpsetVersion = 17,
            ProducerVersion = "1.2.3",
            DocString = "a doc",
            Metadata = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
        });

        var proto = new ProtoMessage(model.AsSpan());

        Assert.Equal(8, proto.Int(ModelIrVersion));
        Assert.Equal("ForecastService", proto.String(ModelProducerName));
        Assert.Equal("1.2.3", proto.String(ModelProducerVersion));
        Assert.Equal("a doc", proto.String(ModelDocString));
        var opset = Assert.Single(proto.Messages(ModelOpsetImport));
        Assert.Equal(string.Empty, opset.String(1));
        Assert.Equal(17, opset.Int(2));
        var metadata = proto.Messages(ModelMetadataProps).Select(e => (e.String(1), e.String(2))).ToList();
        Assert.Equal([("a", "1"), ("b", "2")], metadata);
    }

    [Fact]
    public void Build_Graph_WritesInputsWithFixedAndSymbolicDims()
    {
        var graph = new ProtoMessage(SmallGraph().Build().AsSpan()).Message(ModelGraph);

        Assert.Equal("small", graph.String(GraphName));
        var input = Assert.Single(graph.Messages(GraphInput));
        Assert.Equal("x", input.String(1));
        var tensorType = input.Message(2).Message(1);
        Assert.Equal(1, tensorType.Int(1)); // FLOAT
        var dims = tensorType.Message(2).Messages(1);
        Assert.Equal(3, dims.Count);
        Assert.Equal("batch", dims[0].String(2));
        Assert.Equal(4, dims[1].Int(1));
        Assert.False(dims[2].Has(1) || dims[2].Has(2)); // default(OnnxDim): unknown
        Assert.Equal("y", Assert.Single(graph.Messages(GraphOutput)).String(1));
    }

    [Fact]
    public void Build_Initializer_WritesDimsTypeNameAndLittleEndianRawData()
    {
        var builder = new OnnxGraphBuilder();
        builder.AddInitializer("w", [1.5f, -2f, 3.25f, 0f, 7f, -0.5f], 2, 3);
        builder.AddInitializer("axes", [-1L, 300L], 2);
        builder.AddNode("Identity", ["w"], ["y"]).AddOutput("y", TensorElementType.Float, 2, 3);

        var initializers = new ProtoMessage(builder.Build().AsSpan()).Message(ModelGraph).Messages(GraphInitializer);

        Assert.Equal([2L, 3L], initializers[0].Ints(1));
        Assert.Equal(1, initializers[0].Int(2));
        Assert.Equal("w", initializers[0].String(8));
        var raw = initializers[0].Bytes(9);
        var floats = Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4))).ToArray();
        Assert.Equal([1.5f, -2f, 3.25f, 0f, 7f, -0.5f], floats);

        Assert.Equal(7, initializers[1].Int(2)); // INT64
        var longs = initializers[1].Bytes(9);
        Assert.Equal(-1L, BinaryPrimitives.ReadInt64LittleEndian(longs));
        Assert.Equal(300L, BinaryPrimitives.ReadInt64LittleEndian(longs.AsSpan(8)));
    }

    [Fact]
    public void Build_Node_WritesInputsOutputsOpTypeAndTypedAttributes()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2, 3)
            .AddNode(
                "Custom",
                "n1",
                ["x", ""],
                ["y"],
                OnnxAttribute.Int("axis", -1),
                OnnxAttribute.Float("alpha", 0.25f),
                OnnxAttribute.String("direction", "forward"),
                OnnxAttribute.Ints("perm", 1, 0),
                OnnxAttribute.Floats("scales", 0.5f, 2f),
                OnnxAttribute.Strings("activations", "Sigmoid", "Tanh"),
                OnnxAttribute.Tensor("value", [4L, 5L], 2))
            .AddOutput("y", TensorElementType.Float, 2, 3);

        var node = Assert.Single(new ProtoMessage(builder.Build().AsSpan()).Message(ModelGraph).Messages(GraphNode));

        Assert.Equal(["x", ""], node.Strings(1));
        Assert.Equal(["y"], node.Strings(2));
        Assert.Equal("n1", node.String(3));
        Assert.Equal("Custom", node.String(4));
        Assert.False(node.Has(7)); // default domain is left out
        var attributes = node.Messages(5).ToDictionary(a => a.String(1));
        // AttributeProto.type (field 20): FLOAT=1 INT=2 STRING=3 TENSOR=4 FLOATS=6 INTS=7 STRINGS=8.
        Assert.Equal((2, -1L), (attributes["axis"].Int(20), attributes["axis"].Int(3)));
        Assert.Equal((1, 0.25f), (attributes["alpha"].Int(20), attributes["alpha"].Float(2)));
        Assert.Equal((3, "forward"), (attributes["direction"].Int(20), attributes["direction"].String(4)));
        Assert.Equal(7, attributes["perm"].Int(20));
        Assert.Equal([1L, 0L], attributes["perm"].Ints(8));
        Assert.Equal(6, attributes["scales"].Int(20));
        Assert.Equal([0.5f, 2f], attributes["scales"].Floats(7));
        Assert.Equal(8, attributes["activations"].Int(20));
        Assert.Equal(["Sigmoid", "Tanh"], attributes["activations"].Strings(9));
        Assert.Equal(4, attributes["value"].Int(20));
        var tensor = attributes["value"].Message(5);
        Assert.Equal([2L], tensor.Ints(1));
        Assert.Equal(7, tensor.Int(2));
    }

    [Fact]
    public void Build_UnnamedNodes_GetDistinctNames()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Relu", ["x"], ["a"])
            .AddNode("Relu", ["a"], ["b"])
            .AddOutput("b", TensorElementType.Float, 2);

        var names = new ProtoMessage(builder.Build().AsSpan()).Message(ModelGraph).Messages(GraphNode).Select(n => n.String(3)).ToList();

        Assert.Equal(2, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("Relu", n, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Twice_GivesIdenticalBytes()
    {
        var builder = SmallGraph();
        var options = new OnnxModelOptions { Metadata = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2", ["m"] = "3" } };

        Assert.Equal(builder.Build(options).ToArray(), builder.Build(options).ToArray());
    }

    [Fact]
    public void Save_WritesTheSameBytesAsToArray()
    {
        var model = SmallGraph().Build();
        var path = Path.Combine(Path.GetTempPath(), $"writer-{Guid.NewGuid():N}.onnx");
        try
        {
            model.Save(path);

            Assert.Equal(model.ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WriteTo_Stream_WritesTheSameBytesAsToArray()
    {
        var model = SmallGraph().Build();
        using var stream = new MemoryStream();
        stream.WriteByte(0xAB);

        model.WriteTo(stream);

        Assert.Equal([0xAB, .. model.ToArray()], stream.ToArray());
    }

    private static OnnxGraphBuilder SmallGraph() =>
        new OnnxGraphBuilder("small")
            .AddInput("x", TensorElementType.Float, "batch", 4, default)
            .AddNode("Relu", ["x"], ["y"])
            .AddOutput("y", TensorElementType.Float, "batch", 4, default);
}
