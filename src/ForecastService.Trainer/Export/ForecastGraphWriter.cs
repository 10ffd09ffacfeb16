using ForecastService.Core.Models;
using ForecastService.OnnxWriting;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Export;

/// <summary>Builds the ONNX window graph of one network; see <see cref="ForecastModelExporter"/>.</summary>
internal sealed class ForecastGraphWriter(ForecastNetwork network)
{
    private readonly OnnxGraphBuilder _g = new("forecast");

    public OnnxGraphBuilder Write()
    {
        var parts = new ForecastGraphParts(_g, network);
        var cfg = parts.Config;
        OnnxDim batch = ModelContract.BatchDimension;
        _g.AddInput(ModelContract.ValuesInput, TensorElementType.Float, batch, cfg.Lookback);
        _g.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, batch, cfg.Lookback, cfg.CovariateCount);
        _g.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, batch, cfg.Horizon, cfg.CovariateCount);
        _g.AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, batch, cfg.Horizon, cfg.QuantileCount);
        parts.AddAxes();

        var (centered, mean, scale) = Scaling(parts);
        var top = parts.Encoder(parts.EncoderInput(centered, scale), state: null);
        var a = parts.Head(top);
        parts.NonCrossingAndDescale(a, mean, scale, ModelContract.ValuesInput);
        return _g;
    }

    /// <summary>Centered values [batch, L], mean and s of each window [batch, 1]; see <see cref="StreamScaling"/>.</summary>
    private (string Centered, string Mean, string Scale) Scaling(ForecastGraphParts parts)
    {
        var floor = _g.AddInitializer("scale_floor", [StreamScaling.Floor], 1);
        parts.Node("ReduceMean", [ModelContract.ValuesInput], "mean", OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        parts.Node("Sub", [ModelContract.ValuesInput, "mean"], "centered");
        parts.Node("Mul", ["centered", "centered"], "squares");
        parts.Node("ReduceMean", ["squares"], "variance", OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        parts.Node("Sqrt", ["variance"], "std");
        parts.Node("Abs", ["mean"], "abs_mean");
        parts.Node("Add", ["abs_mean", floor], "level_floor");
        parts.Node("Mul", ["level_floor", floor], "floor_term");
        parts.Node("Add", ["std", "floor_term"], "scale");
        return ("centered", "mean", "scale");
    }
}
