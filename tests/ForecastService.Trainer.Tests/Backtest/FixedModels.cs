using ForecastService.Core.Models;
using ForecastService.OnnxWriting;

namespace ForecastService.Trainer.Tests.Backtesting;

/// <summary>Window models with a known answer, built with the project's ONNX writer and run by ONNX Runtime.</summary>
internal static class FixedModels
{
    /// <summary>
    /// quantiles[b, h, q] = values[b, L − 1] + offsets[q] + 0 · Σ values[b, ·]: the last value plus a fixed band.
    /// The zero-weighted sum turns the whole forecast NaN when any value of the window is NaN, so a window that
    /// reached a poisoned row cannot go unnoticed.
    /// </summary>
    public static byte[] LastValuePlus(int lookback, int horizon, int covariates, float[] offsets)
    {
        var builder = new OnnxGraphBuilder("last-value-plus");
        builder.AddInput(ModelContract.ValuesInput, TensorElementType.Float, "batch", lookback);
        builder.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, "batch", lookback, covariates);
        builder.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, "batch", horizon, covariates);
        builder.AddInitializer("starts", [-1L], 1);
        builder.AddInitializer("ends", [(long)lookback], 1);
        builder.AddInitializer("axis1", [1L], 1);
        builder.AddInitializer("axis2", [2L], 1);
        builder.AddInitializer("zero", [0f], 1);
        var band = new float[horizon * offsets.Length];
        for (var h = 0; h < horizon; h++)
        {
            offsets.CopyTo(band, h * offsets.Length);
        }

        builder.AddInitializer("offsets", band, 1, horizon, offsets.Length);
        return builder
            .AddNode("Slice", [ModelContract.ValuesInput, "starts", "ends", "axis1"], ["last"])
            .AddNode("ReduceSum", [ModelContract.ValuesInput, "axis1"], ["total"])
            .AddNode("Mul", ["total", "zero"], ["nothing"])
            .AddNode("Add", ["last", "nothing"], ["anchor"])
            .AddNode("Unsqueeze", ["anchor", "axis2"], ["anchor3"])
            .AddNode("Add", ["anchor3", "offsets"], [ModelContract.QuantilesOutput])
            .AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, "batch", horizon, offsets.Length)
            .Build(new OnnxModelOptions { OpsetVersion = 17 })
            .ToArray();
    }
}
