using ForecastService.Core.Models;
using ForecastService.OnnxWriting;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Export;

/// <summary>
/// Builds the ONNX step graph of one network (<c>step.onnx</c>, see <see cref="ModelContract.Step"/>): the window
/// graph's encoder, head and non-crossing transform, fed only new observations, scaled by a frozen mean and spread
/// given as inputs, and starting from the stacked recurrent state given as inputs.
/// </summary>
internal sealed class StepGraphWriter(ForecastNetwork network)
{
    private readonly OnnxGraphBuilder _g = new("forecast_step");

    public OnnxGraphBuilder Write()
    {
        var parts = new ForecastGraphParts(_g, network);
        var cfg = parts.Config;
        var lstm = cfg.Cell == CellType.Lstm;
        OnnxDim batch = ModelContract.BatchDimension;
        OnnxDim steps = ModelContract.Step.StepsDimension;
        var stateShape = new OnnxDim[] { cfg.Layers, batch, cfg.HiddenSize };
        _g.AddInput(ModelContract.ValuesInput, TensorElementType.Float, batch, steps);
        _g.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, batch, steps, cfg.CovariateCount);
        _g.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, batch, cfg.Horizon, cfg.CovariateCount);
        _g.AddInput(ModelContract.Step.ScaleMeanInput, TensorElementType.Float, batch, 1);
        _g.AddInput(ModelContract.Step.ScaleSpreadInput, TensorElementType.Float, batch, 1);
        _g.AddInput(ModelContract.Step.StateHInput, TensorElementType.Float, stateShape);
        if (lstm)
        {
            _g.AddInput(ModelContract.Step.StateCInput, TensorElementType.Float, stateShape);
        }

        var anchored = cfg.Anchor is not null;
        if (anchored)
        {
            _g.AddInput(ModelContract.Step.StateWindowInput, TensorElementType.Float, batch, cfg.Lookback);
        }

        _g.AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, batch, cfg.Horizon, cfg.QuantileCount);
        _g.AddOutput(ModelContract.Step.StateHOutput, TensorElementType.Float, stateShape);
        if (lstm)
        {
            _g.AddOutput(ModelContract.Step.StateCOutput, TensorElementType.Float, stateShape);
        }

        if (anchored)
        {
            _g.AddOutput(ModelContract.Step.StateWindowOutput, TensorElementType.Float, batch, cfg.Lookback);
        }

        parts.AddAxes();
        var (mean, scale) = (ModelContract.Step.ScaleMeanInput, ModelContract.Step.ScaleSpreadInput);
        parts.Node("Sub", [ModelContract.ValuesInput, mean], "centered");
        var state = new RecurrentStateNames(
            ModelContract.Step.StateHInput,
            lstm ? ModelContract.Step.StateCInput : null,
            ModelContract.Step.StateHOutput,
            lstm ? ModelContract.Step.StateCOutput : null);
        var top = parts.Encoder(parts.EncoderInput("centered", scale), state);
        var a = parts.Head(top);
        var window = string.Empty;
        if (anchored)
        {
            // The window after the new points: the carried window with them appended, its last L values.
            var start = _g.AddInitializer("window_keep_start", [(long)-cfg.Lookback], 1);
            var end = _g.AddInitializer("window_keep_end", [long.MaxValue], 1);
            var axis = _g.AddInitializer("window_keep_axis", [1L], 1);
            parts.Node("Concat", [ModelContract.Step.StateWindowInput, ModelContract.ValuesInput], "extended_window", OnnxAttribute.Int("axis", 1));
            parts.Node("Slice", ["extended_window", start, end, axis], ModelContract.Step.StateWindowOutput);
            window = ModelContract.Step.StateWindowOutput;
        }

        parts.NonCrossingAndDescale(a, mean, scale, window);
        return _g;
    }
}
