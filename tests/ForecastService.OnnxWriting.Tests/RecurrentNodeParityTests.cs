using ForecastService.Inference;

namespace ForecastService.OnnxWriting.Tests;

/// <summary>
/// Single LSTM/GRU/RNN nodes written by the builder, run in the real ONNX Runtime, against the gate equations in
/// <see cref="RecurrentReference"/>. The weights are packed in the ONNX spec's gate order here (LSTM i,o,f,c; GRU z,r,h),
/// so a wrong order would fail these tests.
/// </summary>
public sealed class RecurrentNodeParityTests
{
    private const double Tolerance = 1e-5;
    private const int Input = 3;
    private const int Hidden = 4;

    [Theory]
    [InlineData(5, 3, 11)]
    [InlineData(9, 2, 12)]
    public void Lstm_WithInitialStates_MatchesGateEquations(int seq, int batch, int seed)
    {
        var random = new Random(seed);
        GateWeights i = GateWeights.Random(random, Hidden, Input), f = GateWeights.Random(random, Hidden, Input),
            g = GateWeights.Random(random, Hidden, Input), o = GateWeights.Random(random, Hidden, Input);
        var (w, r, b) = GateWeights.PackOnnx(i, o, f, g);
        var x = GateWeights.Uniform(random, seq * batch * Input);
        var h0 = GateWeights.Uniform(random, batch * Hidden);
        var c0 = GateWeights.Uniform(random, batch * Hidden);

        var builder = new OnnxGraphBuilder("lstm")
            .AddInput("X", TensorElementType.Float, "seq", "batch", Input)
            .AddInput("h0", TensorElementType.Float, 1, "batch", Hidden)
            .AddInput("c0", TensorElementType.Float, 1, "batch", Hidden);
        builder.AddInitializer("W", w, 1, 4 * Hidden, Input);
        builder.AddInitializer("R", r, 1, 4 * Hidden, Hidden);
        builder.AddInitializer("B", b, 1, 8 * Hidden);
        builder
            .AddNode("LSTM", ["X", "W", "R", "B", "", "h0", "c0"], ["Y", "Y_h", "Y_c"], OnnxAttribute.Int("hidden_size", Hidden))
            .AddOutput("Y", TensorElementType.Float, "seq", 1, "batch", Hidden)
            .AddOutput("Y_h", TensorElementType.Float, 1, "batch", Hidden)
            .AddOutput("Y_c", TensorElementType.Float, 1, "batch", Hidden);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var outputs = session.Run(
            [new NamedTensor("X", x, [seq, batch, Input]), new NamedTensor("h0", h0, [1, batch, Hidden]), new NamedTensor("c0", c0, [1, batch, Hidden])],
            ["Y", "Y_h", "Y_c"]);

        var expected = RecurrentReference.Lstm(x, seq, batch, Input, Hidden, i, f, g, o, h0, c0);
        TensorAssert.Close(expected.Y, outputs[0], [seq, 1, batch, Hidden], Tolerance);
        TensorAssert.Close(expected.H, outputs[1], [1, batch, Hidden], Tolerance);
        TensorAssert.Close(expected.C, outputs[2], [1, batch, Hidden], Tolerance);
    }

    [Fact]
    public void Lstm_OmittedBiasAndInitialCell_MatchesZeroBiasAndZeroCell()
    {
        const int seq = 4, batch = 2;
        var random = new Random(21);
        var gates = Enumerable.Range(0, 4).Select(_ => GateWeights.Random(random, Hidden, Input)).ToArray();
        var zero = new float[Hidden];
        var (i, f, g, o) = (gates[0] with { Wb = zero, Rb = zero }, gates[1] with { Wb = zero, Rb = zero },
            gates[2] with { Wb = zero, Rb = zero }, gates[3] with { Wb = zero, Rb = zero });
        var (w, r, _) = GateWeights.PackOnnx(i, o, f, g);
        var x = GateWeights.Uniform(random, seq * batch * Input);
        var h0 = GateWeights.Uniform(random, batch * Hidden);

        var builder = new OnnxGraphBuilder()
            .AddInput("X", TensorElementType.Float, seq, batch, Input)
            .AddInput("h0", TensorElementType.Float, 1, batch, Hidden);
        builder.AddInitializer("W", w, 1, 4 * Hidden, Input);
        builder.AddInitializer("R", r, 1, 4 * Hidden, Hidden);
        builder
            .AddNode("LSTM", ["X", "W", "R", "", "", "h0"], ["", "", "Y_c"], OnnxAttribute.Int("hidden_size", Hidden))
            .AddOutput("Y_c", TensorElementType.Float, 1, batch, Hidden);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var outputs = session.Run([new NamedTensor("X", x, [seq, batch, Input]), new NamedTensor("h0", h0, [1, batch, Hidden])], ["Y_c"]);

        var expected = RecurrentReference.Lstm(x, seq, batch, Input, Hidden, i, f, g, o, h0, new float[batch * Hidden]);
        TensorAssert.Close(expected.C, outputs[0], [1, batch, Hidden], Tolerance);
    }

    [Fact]
    public void Lstm_Bidirectional_MatchesForwardAndTimeReversedReferences()
    {
        const int seq = 5, batch = 2;
        var random = new Random(51);
        var forward = Enumerable.Range(0, 4).Select(_ => GateWeights.Random(random, Hidden, Input)).ToArray();
        var backward = Enumerable.Range(0, 4).Select(_ => GateWeights.Random(random, Hidden, Input)).ToArray();
        var (wf, rf, bf) = GateWeights.PackOnnx(forward[0], forward[3], forward[1], forward[2]);
        var (wb, rb, bb) = GateWeights.PackOnnx(backward[0], backward[3], backward[1], backward[2]);
        var x = GateWeights.Uniform(random, seq * batch * Input);
        var h0 = GateWeights.Uniform(random, 2 * batch * Hidden);
        var c0 = GateWeights.Uniform(random, 2 * batch * Hidden);

        var builder = new OnnxGraphBuilder()
            .AddInput("X", TensorElementType.Float, "seq", "batch", Input)
            .AddInput("h0", TensorElementType.Float, 2, "batch", Hidden)
            .AddInput("c0", TensorElementType.Float, 2, "batch", Hidden);
        builder.AddInitializer("W", [.. wf, .. wb], 2, 4 * Hidden, Input);
        builder.AddInitializer("R", [.. rf, .. rb], 2, 4 * Hidden, Hidden);
        builder.AddInitializer("B", [.. bf, .. bb], 2, 8 * Hidden);
        builder
            .AddNode(
                "LSTM",
                ["X", "W", "R", "B", "", "h0", "c0"],
                ["Y", "Y_h"],
                OnnxAttribute.Int("hidden_size", Hidden),
                OnnxAttribute.String("direction", "bidirectional"))
            .AddOutput("Y", TensorElementType.Float, "seq", 2, "batch", Hidden)
            .AddOutput("Y_h", TensorElementType.Float, 2, "batch", Hidden);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var outputs = session.Run(
            [new NamedTensor("X", x, [seq, batch, Input]), new NamedTensor("h0", h0, [2, batch, Hidden]), new NamedTensor("c0", c0, [2, batch, Hidden])],
            ["Y", "Y_h"]);

        var step = batch * Input;
        var reversedX = Enumerable.Range(0, seq).Reverse().SelectMany(t => x.Skip(t * step).Take(step)).ToArray();
        var state = batch * Hidden;
        var fwd = RecurrentReference.Lstm(x, seq, batch, Input, Hidden, forward[0], forward[1], forward[2], forward[3], h0[..state], c0[..state]);
        var bwd = RecurrentReference.Lstm(reversedX, seq, batch, Input, Hidden, backward[0], backward[1], backward[2], backward[3], h0[state..], c0[state..]);
        // Y is [seq, 2, batch, H]: at time t the forward state after x[0..t] and the backward state after x[seq-1..t].
        var expectedY = Enumerable.Range(0, seq)
            .SelectMany(t => fwd.Y.Skip(t * state).Take(state).Concat(bwd.Y.Skip((seq - 1 - t) * state).Take(state)))
            .ToArray();
        TensorAssert.Close(expectedY, outputs[0], [seq, 2, batch, Hidden], Tolerance);
        TensorAssert.Close([.. fwd.H, .. bwd.H], outputs[1], [2, batch, Hidden], Tolerance);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gru_LinearBeforeReset_MatchesGateEquations(bool linearBeforeReset)
    {
        const int seq = 6, batch = 3;
        var random = new Random(linearBeforeReset ? 31 : 32);
        GateWeights z = GateWeights.Random(random, Hidden, Input), r = GateWeights.Random(random, Hidden, Input),
            n = GateWeights.Random(random, Hidden, Input);
        var (wPacked, rPacked, bPacked) = GateWeights.PackOnnx(z, r, n);
        var x = GateWeights.Uniform(random, seq * batch * Input);
        var h0 = GateWeights.Uniform(random, batch * Hidden);

        var builder = new OnnxGraphBuilder("gru")
            .AddInput("X", TensorElementType.Float, "seq", "batch", Input)
            .AddInput("h0", TensorElementType.Float, 1, "batch", Hidden);
        builder.AddInitializer("W", wPacked, 1, 3 * Hidden, Input);
        builder.AddInitializer("R", rPacked, 1, 3 * Hidden, Hidden);
        builder.AddInitializer("B", bPacked, 1, 6 * Hidden);
        builder
            .AddNode(
                "GRU",
                ["X", "W", "R", "B", "", "h0"],
                ["Y", "Y_h"],
                OnnxAttribute.Int("hidden_size", Hidden),
                OnnxAttribute.Int("linear_before_reset", linearBeforeReset ? 1 : 0))
            .AddOutput("Y", TensorElementType.Float, "seq", 1, "batch", Hidden)
            .AddOutput("Y_h", TensorElementType.Float, 1, "batch", Hidden);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var outputs = session.Run([new NamedTensor("X", x, [seq, batch, Input]), new NamedTensor("h0", h0, [1, batch, Hidden])], ["Y", "Y_h"]);

        var expected = RecurrentReference.Gru(x, seq, batch, Input, Hidden, z, r, n, linearBeforeReset, h0);
        TensorAssert.Close(expected.Y, outputs[0], [seq, 1, batch, Hidden], Tolerance);
        TensorAssert.Close(expected.H, outputs[1], [1, batch, Hidden], Tolerance);
    }

    [Fact]
    public void Rnn_Tanh_MatchesRecurrenceEquation()
    {
        const int seq = 7, batch = 2;
        var random = new Random(41);
        var cell = GateWeights.Random(random, Hidden, Input);
        var (w, r, b) = GateWeights.PackOnnx(cell);
        var x = GateWeights.Uniform(random, seq * batch * Input);
        var h0 = GateWeights.Uniform(random, batch * Hidden);

        var builder = new OnnxGraphBuilder("rnn")
            .AddInput("X", TensorElementType.Float, "seq", "batch", Input)
            .AddInput("h0", TensorElementType.Float, 1, "batch", Hidden);
        builder.AddInitializer("W", w, 1, Hidden, Input);
        builder.AddInitializer("R", r, 1, Hidden, Hidden);
        builder.AddInitializer("B", b, 1, 2 * Hidden);
        builder
            .AddNode("RNN", ["X", "W", "R", "B", "", "h0"], ["Y", "Y_h"], OnnxAttribute.Int("hidden_size", Hidden), OnnxAttribute.Strings("activations", "Tanh"))
            .AddOutput("Y", TensorElementType.Float, "seq", 1, "batch", Hidden)
            .AddOutput("Y_h", TensorElementType.Float, 1, "batch", Hidden);

        using var session = OnnxSession.Load(builder.Build().AsSpan());
        var outputs = session.Run([new NamedTensor("X", x, [seq, batch, Input]), new NamedTensor("h0", h0, [1, batch, Hidden])], ["Y", "Y_h"]);

        var expected = RecurrentReference.Rnn(x, seq, batch, Input, Hidden, cell, h0);
        TensorAssert.Close(expected.Y, outputs[0], [seq, 1, batch, Hidden], Tolerance);
        TensorAssert.Close(expected.H, outputs[1], [1, batch, Hidden], Tolerance);
    }
}
