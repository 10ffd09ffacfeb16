
namespace ForecastService.OnnxWriting.Tests;

public sealed class OnnxGraphBuilderValidationTests
{
    [Fact]
    public void AddInitializer_LengthDiffersFromShapeProduct_ThrowsNamingBoth()
    {
        var builder = new OnnxGraphBuilder();

        var error = Assert.Throws<ArgumentException>(() => builder.AddInitializer("w", new float[5], 2, 3));

        Assert.Contains("'w'", error.Message, StringComparison.Ordinal);
        Assert.Contains("5 values", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInitializer_NegativeDimension_Throws()
    {
        var builder = new OnnxGraphBuilder();

        Assert.Throws<ArgumentException>(() => builder.AddInitializer("w", new long[2], -2));
    }

    [Fact]
    public void AddInitializer_ScalarShape_AcceptsOneValue()
    {
        var builder = new OnnxGraphBuilder();

        Assert.Equal("s", builder.AddInitializer("s", [3], []));
        Assert.Throws<ArgumentException>(() => builder.AddInitializer("t", [1, 2], []));
    }

    [Fact]
    public void AddInitializer_NameOfExistingInput_Throws()
    {
        var builder = new OnnxGraphBuilder().AddInput("x", TensorElementType.Float, 2);

        var error = Assert.Throws<ArgumentException>(() => builder.AddInitializer("x", [1f, 2f], 2));

        Assert.Contains("already defined by a graph input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInput_DuplicateName_Throws()
    {
        var builder = new OnnxGraphBuilder().AddInput("x", TensorElementType.Float, 2);

        Assert.Throws<ArgumentException>(() => builder.AddInput("x", TensorElementType.Float, 2));
    }

    [Fact]
    public void AddInput_UndefinedElementType_Throws()
    {
        var builder = new OnnxGraphBuilder();

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddInput("x", TensorElementType.Undefined, 2));
    }

    [Fact]
    public void AddOutput_DuplicateName_Throws()
    {
        var builder = new OnnxGraphBuilder().AddOutput("y", TensorElementType.Float, 2);

        Assert.Throws<ArgumentException>(() => builder.AddOutput("y", TensorElementType.Float, 2));
    }

    [Fact]
    public void AddNode_OutputAlreadyProducedByAnotherNode_Throws()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Relu", ["x"], ["y"]);

        var error = Assert.Throws<ArgumentException>(() => builder.AddNode("Tanh", ["x"], ["y"]));

        Assert.Contains("'y'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Relu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNode_SameOutputTwice_Throws()
    {
        var builder = new OnnxGraphBuilder().AddInput("x", TensorElementType.Float, 2);

        Assert.Throws<ArgumentException>(() => builder.AddNode("Split", ["x"], ["a", "a"]));
    }

    [Fact]
    public void AddNode_DuplicateNodeName_Throws()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Relu", "act", ["x"], ["y"]);

        Assert.Throws<ArgumentException>(() => builder.AddNode("Tanh", "act", ["x"], ["z"]));
    }

    [Fact]
    public void AddNode_Rejected_LeavesNameAndOutputsFree()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Relu", ["x"], ["y"]);
        Assert.Throws<ArgumentException>(() => builder.AddNode("Split", "split", ["x"], ["z", "y"]));

        builder.AddNode("Tanh", "split", ["x"], ["z"]).AddOutput("z", TensorElementType.Float, 2);

        Assert.True(builder.Build().Length > 0);
    }

    [Fact]
    public void AddNode_DuplicateAttribute_Throws()
    {
        var builder = new OnnxGraphBuilder().AddInput("x", TensorElementType.Float, 2);

        Assert.Throws<ArgumentException>(
            () => builder.AddNode("LeakyRelu", ["x"], ["y"], OnnxAttribute.Float("alpha", 0.1f), OnnxAttribute.Float("alpha", 0.2f)));
    }

    [Fact]
    public void AddNode_OnlyOmittedOutputs_Throws()
    {
        var builder = new OnnxGraphBuilder().AddInput("x", TensorElementType.Float, 2);

        Assert.Throws<ArgumentException>(() => builder.AddNode("Relu", ["x"], [""]));
    }

    [Fact]
    public void Build_NodeInputThatNothingProduces_ThrowsNamingTheInput()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Add", ["x", "missing"], ["y"])
            .AddOutput("y", TensorElementType.Float, 2);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Add", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NodeReadsALaterNodesOutput_ThrowsAboutTopologicalOrder()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Relu", ["h"], ["y"])
            .AddNode("Tanh", ["x"], ["h"])
            .AddOutput("y", TensorElementType.Float, 2);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("topological", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OmittedOptionalInput_IsNotReportedMissing()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 1, 1, 1)
            .AddNode("Relu", ["x", ""], ["y"])
            .AddOutput("y", TensorElementType.Float, 1, 1, 1);

        Assert.True(builder.Build().Length > 0);
    }

    [Fact]
    public void Build_OutputThatNothingProduces_Throws()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Relu", ["x"], ["y"])
            .AddOutput("z", TensorElementType.Float, 2);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("'z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoOutputs_Throws()
    {
        var builder = new OnnxGraphBuilder("g").AddInput("x", TensorElementType.Float, 2);

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(24)]
    public void Build_OpsetOutOfRange_Throws(int opset)
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddOutput("x", TensorElementType.Float, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Build(new OnnxModelOptions { OpsetVersion = opset }));
    }

    [Fact]
    public void Build_NodeInUnimportedDomain_Throws()
    {
        var builder = new OnnxGraphBuilder()
            .AddInput("x", TensorElementType.Float, 2)
            .AddNode("Gelu", "gelu", "com.microsoft", ["x"], ["y"])
            .AddOutput("y", TensorElementType.Float, 2);

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void OnnxDim_NegativeOrBlank_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxDim.Fixed(-1));
        Assert.Throws<ArgumentException>(() => OnnxDim.Symbolic(" "));
    }
}
