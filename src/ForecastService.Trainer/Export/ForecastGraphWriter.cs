using ForecastService.Core.Models;
using ForecastService.Onnx;
using ForecastService.Onnx.Writing;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Export;

/// <summary>Builds the ONNX graph of one network; see <see cref="ForecastModelExporter"/>.</summary>
internal sealed class ForecastGraphWriter(ForecastNetwork network)
{
    private readonly OnnxGraphBuilder _g = new("forecast");
    private readonly NetworkConfig _cfg = network.Config;

    public OnnxGraphBuilder Write()
    {
        var l = _cfg.Lookback;
        var h = _cfg.Horizon;
        var c = _cfg.CovariateCount;
        var q = _cfg.QuantileCount;
        OnnxDim batch = ModelContract.BatchDimension;
        _g.AddInput(ModelContract.ValuesInput, TensorElementType.Float, batch, l);
        _g.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, batch, l, c);
        _g.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, batch, h, c);
        _g.AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, batch, h, q);
        _g.AddInitializer("axes_0", [0L], 1);
        _g.AddInitializer("axes_1", [1L], 1);
        _g.AddInitializer("axes_2", [2L], 1);

        var (mean, scale) = Scaling();
        var top = Encoder(EncoderInput(mean, scale));
        var a = Head(top);
        NonCrossingAndDescale(a, mean, scale);
        return _g;
    }

    /// <summary>mean and s of each window, as [batch, 1]; see <see cref="WindowScaling"/>.</summary>
    private (string Mean, string Scale) Scaling()
    {
        var floor = _g.AddInitializer("scale_floor", [WindowScaling.Floor], 1);
        Node("ReduceMean", [ModelContract.ValuesInput], "mean", OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        Node("Sub", [ModelContract.ValuesInput, "mean"], "centered");
        Node("Mul", ["centered", "centered"], "squares");
        Node("ReduceMean", ["squares"], "variance", OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        Node("Sqrt", ["variance"], "std");
        Node("Abs", ["mean"], "abs_mean");
        Node("Add", ["abs_mean", floor], "level_floor");
        Node("Mul", ["level_floor", floor], "floor_term");
        Node("Add", ["std", "floor_term"], "scale");
        return ("mean", "scale");
    }

    /// <summary>[L, batch, 1 + C]: the z-scores next to the past covariates, time-major for layout 0.</summary>
    private string EncoderInput(string mean, string scale)
    {
        _ = mean;
        Node("Div", ["centered", scale], "z");
        Node("Unsqueeze", ["z", "axes_2"], "z_steps");
        var steps = "z_steps";
        if (_cfg.CovariateCount > 0)
        {
            Node("Concat", ["z_steps", ModelContract.PastCovariatesInput], "encoder_input", OnnxAttribute.Int("axis", 2));
            steps = "encoder_input";
        }

        Node("Transpose", [steps], "x_0", OnnxAttribute.Ints("perm", 1, 0, 2));
        return "x_0";
    }

    /// <summary>Stacked recurrent layers; returns the top layer's last hidden state [batch, H].</summary>
    private string Encoder(string input)
    {
        var hidden = _cfg.HiddenSize;
        var layers = network.Layout.Layers;
        var op = _cfg.Cell switch
        {
            CellType.Lstm => "LSTM",
            CellType.Gru => "GRU",
            _ => "RNN",
        };
        var x = input;
        for (var i = 0; i < layers.Count; i++)
        {
            var s = layers[i];
            var w = _g.AddInitializer($"W{i}", network.Parameters.AsSpan(s.W, s.Gates * s.InputSize), 1, s.Gates, s.InputSize);
            var r = _g.AddInitializer($"R{i}", network.Parameters.AsSpan(s.R, s.Gates * hidden), 1, s.Gates, hidden);
            var b = _g.AddInitializer($"B{i}", network.Parameters.AsSpan(s.B, 2 * s.Gates), 1, 2 * s.Gates);
            var attributes = new List<OnnxAttribute> { OnnxAttribute.Int("hidden_size", hidden), OnnxAttribute.Int("layout", 0) };
            if (_cfg.Cell == CellType.Gru)
            {
                attributes.Add(OnnxAttribute.Int("linear_before_reset", 1));
            }

            var last = i == layers.Count - 1;
            string[] outputs = last ? ["", $"y_h{i}"] : [$"y{i}"];
            _g.AddNode(op, $"{op.ToLowerInvariant()}_{i}", [x, w, r, b], outputs, [.. attributes]);
            if (last)
            {
                Node("Squeeze", [$"y_h{i}", "axes_0"], "encoded");
            }
            else
            {
                // Y is [L, D=1, batch, H]; the next layer wants [L, batch, H]. Dropout is training-only: no node.
                Node("Squeeze", [$"y{i}", "axes_1"], $"x_{i + 1}");
                x = $"x_{i + 1}";
            }
        }

        return "encoded";
    }

    /// <summary>The dense head on [encoded, flattened future covariates]; returns the raw outputs [batch, H·Q].</summary>
    private string Head(string encoded)
    {
        var layout = network.Layout;
        var p = network.Parameters;
        var features = encoded;
        if (_cfg.CovariateCount > 0)
        {
            var shape = _g.AddInitializer("future_shape", [0L, _cfg.Horizon * _cfg.CovariateCount], 2);
            Node("Reshape", [ModelContract.FutureCovariatesInput, shape], "future_flat");
            Node("Concat", [encoded, "future_flat"], "head_input", OnnxAttribute.Int("axis", 1));
            features = "head_input";
        }

        var transB = OnnxAttribute.Int("transB", 1);
        if (layout.HeadHidden > 0)
        {
            var w1 = _g.AddInitializer("head_hidden_weight", p.AsSpan(layout.HiddenWeight, layout.HeadHidden * layout.HeadInput), layout.HeadHidden, layout.HeadInput);
            var b1 = _g.AddInitializer("head_hidden_bias", p.AsSpan(layout.HiddenBias, layout.HeadHidden), layout.HeadHidden);
            Node("Gemm", [features, w1, b1], "head_hidden_linear", transB);
            Node("Relu", ["head_hidden_linear"], "head_hidden");
            features = "head_hidden";
        }

        var wo = _g.AddInitializer("head_output_weight", p.AsSpan(layout.OutputWeight, layout.HeadOutput * layout.OutputInput), layout.HeadOutput, layout.OutputInput);
        var bo = _g.AddInitializer("head_output_bias", p.AsSpan(layout.OutputBias, layout.HeadOutput), layout.HeadOutput);
        Node("Gemm", [features, wo, bo], "head_output", transB);
        return "head_output";
    }

    /// <summary>q₀ = a₀, q_k = q_{k−1} + softplus(a_k) per step, then mean + s·q into the graph output.</summary>
    private void NonCrossingAndDescale(string a, string mean, string scale)
    {
        var h = _cfg.Horizon;
        var q = _cfg.QuantileCount;
        var shape = _g.AddInitializer("quantile_shape", [0L, h, q], 3);
        Node("Reshape", [a, shape], "raw_quantiles");
        var scaled = "raw_quantiles";
        if (q > 1)
        {
            var zero = _g.AddInitializer("q_first_start", [0L], 1);
            var one = _g.AddInitializer("q_first_end", [1L], 1);
            var all = _g.AddInitializer("q_rest_end", [(long)q], 1);
            var axis = _g.AddInitializer("q_axis", [2L], 1);
            var cumAxis = _g.AddInitializer("q_cumsum_axis", [2L]);
            Node("Slice", ["raw_quantiles", zero, one, axis], "q_first");
            Node("Slice", ["raw_quantiles", one, all, axis], "q_rest");
            Node("Softplus", ["q_rest"], "q_steps");
            Node("Concat", ["q_first", "q_steps"], "q_increments", OnnxAttribute.Int("axis", 2));
            Node("CumSum", ["q_increments", cumAxis], "scaled_quantiles");
            scaled = "scaled_quantiles";
        }

        Node("Unsqueeze", [scale, "axes_2"], "scale_3d");
        Node("Unsqueeze", [mean, "axes_2"], "mean_3d");
        Node("Mul", [scaled, "scale_3d"], "spread_quantiles");
        Node("Add", ["spread_quantiles", "mean_3d"], ModelContract.QuantilesOutput);
    }

    private void Node(string op, string[] inputs, string output, params OnnxAttribute[] attributes) =>
        _g.AddNode(op, output + "_" + op.ToLowerInvariant(), inputs, [output], attributes);
}
