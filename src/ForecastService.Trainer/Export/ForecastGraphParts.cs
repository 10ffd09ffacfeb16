using ForecastService.Core.Models;
using ForecastService.OnnxWriting;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Export;

/// <summary>
/// The pieces the window graph (<see cref="ForecastGraphWriter"/>) and the step graph (<see cref="StepGraphWriter"/>)
/// share: the encoder input, the stacked recurrent layers, the dense head, the non-crossing transform and de-scaling.
/// Both graphs are built from these, so they carry the same weights through the same operators.
/// </summary>
internal sealed class ForecastGraphParts(OnnxGraphBuilder g, ForecastNetwork network)
{
    /// <summary>int64 [1] initializers of the axes the parts use, by name.</summary>
    public const string Axis0 = "axes_0";
    public const string Axis1 = "axes_1";
    public const string Axis2 = "axes_2";

    private readonly NetworkConfig _cfg = network.Config;
    private readonly HashSet<int> _layerIndices = [];

    public OnnxGraphBuilder Graph => g;

    public NetworkConfig Config => _cfg;

    /// <summary>
    /// Adds the axes initializers, first and in a fixed order; <c>axes_1</c> only where a layer's output feeds the
    /// next layer, since ONNX Runtime logs every unused initializer it removes on each load.
    /// </summary>
    public void AddAxes()
    {
        g.AddInitializer(Axis0, [0L], 1);
        if (network.Layout.Layers.Count > 1)
        {
            g.AddInitializer(Axis1, [1L], 1);
        }

        g.AddInitializer(Axis2, [2L], 1);
    }

    /// <summary>[steps, batch, 1 + C]: the z-scores next to the past covariates, time-major for layout 0.</summary>
    /// <param name="centered">[batch, steps]: the raw values minus the scaling's mean.</param>
    /// <param name="scale">[batch, 1]: the scaling's spread.</param>
    public string EncoderInput(string centered, string scale)
    {
        Node("Div", [centered, scale], "z");
        Node("Unsqueeze", ["z", Axis2], "z_steps");
        var steps = "z_steps";
        if (_cfg.CovariateCount > 0)
        {
            Node("Concat", ["z_steps", ModelContract.PastCovariatesInput], "encoder_input", OnnxAttribute.Int("axis", 2));
            steps = "encoder_input";
        }

        Node("Transpose", [steps], "x_0", OnnxAttribute.Ints("perm", 1, 0, 2));
        return "x_0";
    }

    /// <summary>
    /// Stacked recurrent layers, one ONNX LSTM/GRU/RNN node each. Returns the top layer's last hidden state
    /// [batch, N]. With <paramref name="state"/>, each layer starts from its slice of the state inputs and every
    /// layer's final state is gathered into the state outputs; without, every layer starts from zeros.
    /// </summary>
    public string Encoder(string input, RecurrentStateNames? state)
    {
        var hidden = _cfg.HiddenSize;
        var layers = network.Layout.Layers;
        var lstm = _cfg.Cell == CellType.Lstm;
        var op = _cfg.Cell switch
        {
            CellType.Lstm => "LSTM",
            CellType.Gru => "GRU",
            _ => "RNN",
        };
        var x = input;
        var finalH = new List<string>();
        var finalC = new List<string>();
        for (var i = 0; i < layers.Count; i++)
        {
            var s = layers[i];
            var w = g.AddInitializer($"W{i}", network.Parameters.AsSpan(s.W, s.Gates * s.InputSize), 1, s.Gates, s.InputSize);
            var r = g.AddInitializer($"R{i}", network.Parameters.AsSpan(s.R, s.Gates * hidden), 1, s.Gates, hidden);
            var b = g.AddInitializer($"B{i}", network.Parameters.AsSpan(s.B, 2 * s.Gates), 1, 2 * s.Gates);
            var attributes = new List<OnnxAttribute> { OnnxAttribute.Int("hidden_size", hidden), OnnxAttribute.Int("layout", 0) };
            if (_cfg.Cell == CellType.Gru)
            {
                attributes.Add(OnnxAttribute.Int("linear_before_reset", 1));
            }

            var last = i == layers.Count - 1;
            List<string> inputs = [x, w, r, b];
            string[] outputs;
            if (state is { } st)
            {
                // ONNX's initial_h/initial_c are [D=1, batch, N]: layer i's rows of the stacked state, sliced on axis 0.
                // sequence_lens stays empty: every row has all the new steps.
                var (start, end) = (LayerIndex(i), LayerIndex(i + 1));
                Node("Slice", [st.HiddenIn, start, end, Axis0], $"initial_h{i}");
                inputs.AddRange(["", $"initial_h{i}"]);
                if (lstm)
                {
                    Node("Slice", [st.CellIn!, start, end, Axis0], $"initial_c{i}");
                    inputs.Add($"initial_c{i}");
                }

                outputs = lstm ? [last ? string.Empty : $"y{i}", $"y_h{i}", $"y_c{i}"] : [last ? string.Empty : $"y{i}", $"y_h{i}"];
                finalH.Add($"y_h{i}");
                finalC.Add($"y_c{i}");
            }
            else
            {
                outputs = last ? ["", $"y_h{i}"] : [$"y{i}"];
            }

            g.AddNode(op, $"{op.ToLowerInvariant()}_{i}", inputs, outputs, [.. attributes]);
            if (last)
            {
                Node("Squeeze", [$"y_h{i}", Axis0], "encoded");
            }
            else
            {
                // Y is [steps, D=1, batch, N]; the next layer wants [steps, batch, N]. Dropout is training-only: no node.
                Node("Squeeze", [$"y{i}", Axis1], $"x_{i + 1}");
                x = $"x_{i + 1}";
            }
        }

        if (state is { } done)
        {
            Stack(finalH, done.HiddenOut);
            if (lstm)
            {
                Stack(finalC, done.CellOut!);
            }
        }

        return "encoded";
    }

    /// <summary>The dense head on [encoded, flattened future covariates]; returns the raw outputs [batch, H·Q].</summary>
    public string Head(string encoded)
    {
        var layout = network.Layout;
        var p = network.Parameters;
        var features = encoded;
        if (_cfg.CovariateCount > 0)
        {
            var shape = g.AddInitializer("future_shape", [0L, _cfg.Horizon * _cfg.CovariateCount], 2);
            Node("Reshape", [ModelContract.FutureCovariatesInput, shape], "future_flat");
            Node("Concat", [encoded, "future_flat"], "head_input", OnnxAttribute.Int("axis", 1));
            features = "head_input";
        }

        var transB = OnnxAttribute.Int("transB", 1);
        if (layout.HeadHidden > 0)
        {
            var w1 = g.AddInitializer("head_hidden_weight", p.AsSpan(layout.HiddenWeight, layout.HeadHidden * layout.HeadInput), layout.HeadHidden, layout.HeadInput);
            var b1 = g.AddInitializer("head_hidden_bias", p.AsSpan(layout.HiddenBias, layout.HeadHidden), layout.HeadHidden);
            Node("Gemm", [features, w1, b1], "head_hidden_linear", transB);
            Node("Relu", ["head_hidden_linear"], "head_hidden");
            features = "head_hidden";
        }

        var wo = g.AddInitializer("head_output_weight", p.AsSpan(layout.OutputWeight, layout.HeadOutput * layout.OutputInput), layout.HeadOutput, layout.OutputInput);
        var bo = g.AddInitializer("head_output_bias", p.AsSpan(layout.OutputBias, layout.HeadOutput), layout.HeadOutput);
        Node("Gemm", [features, wo, bo], "head_output", transB);
        return "head_output";
    }

    /// <summary>q₀ = a₀, q_k = q_{k−1} + softplus(a_k) per step, then the de-scaling into the graph output.</summary>
    /// <param name="a">The head's raw outputs [batch, H·Q].</param>
    /// <param name="mean">[batch, 1]: the window's mean (plain recipe).</param>
    /// <param name="scale">[batch, 1]: the window's spread (plain recipe).</param>
    /// <param name="window">[batch, L]: the window the anchor forecast is computed from (anchored recipe).</param>
    public void NonCrossingAndDescale(string a, string mean, string scale, string window)
    {
        var h = _cfg.Horizon;
        var q = _cfg.QuantileCount;
        var shape = g.AddInitializer("quantile_shape", [0L, h, q], 3);
        Node("Reshape", [a, shape], "raw_quantiles");
        var scaled = "raw_quantiles";
        if (q > 1)
        {
            var zero = g.AddInitializer("q_first_start", [0L], 1);
            var one = g.AddInitializer("q_first_end", [1L], 1);
            var all = g.AddInitializer("q_rest_end", [(long)q], 1);
            var axis = g.AddInitializer("q_axis", [2L], 1);
            var cumAxis = g.AddInitializer("q_cumsum_axis", [2L]);
            Node("Slice", ["raw_quantiles", zero, one, axis], "q_first");
            Node("Slice", ["raw_quantiles", one, all, axis], "q_rest");
            Node("Softplus", ["q_rest"], "q_steps");
            Node("Concat", ["q_first", "q_steps"], "q_increments", OnnxAttribute.Int("axis", 2));
            Node("CumSum", ["q_increments", cumAxis], "scaled_quantiles");
            scaled = "scaled_quantiles";
        }

        if (_cfg.Anchor is { } anchor)
        {
            AnchoredOutput(anchor, scaled, window);
            return;
        }

        Node("Unsqueeze", [scale, Axis2], "scale_3d");
        Node("Unsqueeze", [mean, Axis2], "mean_3d");
        Node("Mul", [scaled, "scale_3d"], "spread_quantiles");
        Node("Add", ["spread_quantiles", "mean_3d"], ModelContract.QuantilesOutput);
    }

    /// <summary>
    /// a + d·(g·q), or a + d·(g·q_median + offsets) with conformal offsets: a = the anchor forecast (one MatMul of the
    /// window), d = the window's mean absolute one-step difference plus the floor (see <see cref="AnchorScale"/>).
    /// </summary>
    private void AnchoredOutput(ForecastAnchor anchor, string scaled, string window)
    {
        var (l, h, q) = (_cfg.Lookback, _cfg.Horizon, _cfg.QuantileCount);
        var transposed = new float[l * h];
        for (var step = 0; step < h; step++)
        {
            for (var t = 0; t < l; t++)
            {
                transposed[(t * h) + step] = anchor.Weights[(step * l) + t];
            }
        }

        var weights = g.AddInitializer("anchor_weights", transposed, l, h);
        Node("MatMul", [window, weights], "anchor");

        var first = g.AddInitializer("window_first", [0L], 1);
        var second = g.AddInitializer("window_second", [1L], 1);
        var last = g.AddInitializer("window_last", [(long)(l - 1)], 1);
        var end = g.AddInitializer("window_end", [(long)l], 1);
        var axis = g.AddInitializer("window_axis", [1L], 1);
        var floor = g.AddInitializer("unit_floor", [StreamScaling.Floor], 1);
        Node("Slice", [window, second, end, axis], "window_later");
        Node("Slice", [window, first, last, axis], "window_earlier");
        Node("Sub", ["window_later", "window_earlier"], "window_steps");
        Node("Abs", ["window_steps"], "window_abs_steps");
        Node("ReduceMean", ["window_abs_steps"], "mean_abs_step", OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        Node("ReduceMean", [window], "window_mean", OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        Node("Abs", ["window_mean"], "window_abs_mean");
        Node("Add", ["window_abs_mean", floor], "unit_level");
        Node("Mul", ["unit_level", floor], "unit_floor_term");
        Node("Add", ["mean_abs_step", "unit_floor_term"], "unit");

        var correction = scaled;
        if (anchor.QuantileOffsets is { } offsets)
        {
            var m = anchor.MedianIndex;
            var from = g.AddInitializer("median_start", [(long)m], 1);
            var to = g.AddInitializer("median_end", [(long)(m + 1)], 1);
            var quantileAxis = g.AddInitializer("median_axis", [2L], 1);
            Node("Slice", [scaled, from, to, quantileAxis], "median_correction");
            var gain = g.AddInitializer("residual_gain", [anchor.ResidualGain], 1);
            Node("Mul", ["median_correction", gain], "kept_correction");
            var offsetTensor = g.AddInitializer("quantile_offsets", offsets, h, q);
            Node("Add", ["kept_correction", offsetTensor], "anchored_quantiles");
            correction = "anchored_quantiles";
        }
        else if (anchor.ResidualGain != 1f)
        {
            var gain = g.AddInitializer("residual_gain", [anchor.ResidualGain], 1);
            Node("Mul", [scaled, gain], "kept_correction");
            correction = "kept_correction";
        }

        Node("Unsqueeze", ["anchor", Axis2], "anchor_3d");
        Node("Unsqueeze", ["unit", Axis2], "unit_3d");
        Node("Mul", [correction, "unit_3d"], "unit_quantiles");
        Node("Add", ["unit_quantiles", "anchor_3d"], ModelContract.QuantilesOutput);
    }

    public void Node(string op, string[] inputs, string output, params OnnxAttribute[] attributes) =>
        g.AddNode(op, output + "_" + op.ToLowerInvariant(), inputs, [output], attributes);

    /// <summary>An int64 [1] initializer holding <paramref name="index"/>, added once.</summary>
    private string LayerIndex(int index)
    {
        var name = $"layer_index_{index}";
        if (_layerIndices.Add(index))
        {
            g.AddInitializer(name, [(long)index], 1);
        }

        return name;
    }

    /// <summary>[S, batch, N] from S tensors [1, batch, N].</summary>
    private void Stack(List<string> layerStates, string output)
    {
        if (layerStates.Count == 1)
        {
            Node("Identity", [layerStates[0]], output);
        }
        else
        {
            Node("Concat", [.. layerStates], output, OnnxAttribute.Int("axis", 0));
        }
    }
}
