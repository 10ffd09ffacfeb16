using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.OnnxWriting;
using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Export;

/// <summary>
/// Writes a <see cref="ForecastNetwork"/> as an ONNX window model (contract version 1, opset 17): inputs
/// <c>values</c> [batch, L], <c>past_covariates</c> [batch, L, C], <c>future_covariates</c> [batch, H, C]; output
/// <c>quantiles</c> [batch, H, Q]. Scaling, the recurrent layers (ONNX's own LSTM/GRU/RNN operators, one node per
/// layer), the dense head, the non-crossing transform (Softplus + CumSum) and de-scaling are all graph operators,
/// and the weights are copied as they are: the network already stores them in ONNX layouts.
/// </summary>
public static class ForecastModelExporter
{
    /// <summary>The ONNX operator set the graph is written for.</summary>
    public const int OpsetVersion = 17;

    /// <summary>Describes the in-graph scaling, e.g. for the <c>forecast.scaling</c> metadata entry.</summary>
    public const string ScalingDescription = "per-window: z = (x - mean) / s, s = std + 0.001 * (|mean| + 0.001), output = mean + s * q";

    /// <summary>Serializes <paramref name="network"/> with <paramref name="metadata"/> as <c>metadata_props</c>.</summary>
    /// <returns>The ONNX model bytes.</returns>
    public static byte[] Export(ForecastNetwork network, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(metadata);
        var graph = new ForecastGraphWriter(network).Write();
        return graph.Build(new OnnxModelOptions { OpsetVersion = OpsetVersion, Metadata = metadata }).ToArray();
    }

    /// <summary>
    /// Serializes <paramref name="network"/> as the step model <c>step.onnx</c> (see <see cref="ModelContract.Step"/>)
    /// with <paramref name="metadata"/> plus <c>forecast.model_kind = step</c>: the same weights and operators as
    /// <see cref="Export"/>, fed new observations, a frozen scaling and the stacked recurrent state.
    /// </summary>
    /// <returns>The ONNX model bytes.</returns>
    public static byte[] ExportStep(ForecastNetwork network, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(metadata);
        var withKind = new Dictionary<string, string>(metadata, StringComparer.Ordinal)
        {
            [ModelContract.Metadata.ModelKind] = ModelContract.ModelKinds.Step,
        };
        var graph = new StepGraphWriter(network).Write();
        return graph.Build(new OnnxModelOptions { OpsetVersion = OpsetVersion, Metadata = withKind }).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="model"/> under ONNX Runtime (CPU, one thread) on <paramref name="windows"/> and compares
    /// with <see cref="ForecastNetwork.Predict"/>. Returns the largest absolute difference of any quantile divided by
    /// its window's scale (see <see cref="ForecastNetwork"/>), so the figure means the same at any series level.
    /// </summary>
    public static double MaxScaledDifference(ReadOnlySpan<byte> model, ForecastNetwork network, WindowSet windows)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(windows);
        network.CheckShape(windows);
        if (windows.Count == 0)
        {
            return 0;
        }

        var cfg = network.Config;
        var expected = network.Predict(windows);
        using var session = OnnxSession.Load(model);
        long n = windows.Count;
        NamedTensor[] inputs =
        [
            new(ModelContract.ValuesInput, windows.Values, [n, cfg.Lookback]),
            new(ModelContract.PastCovariatesInput, windows.PastCovariates, [n, cfg.Lookback, cfg.CovariateCount]),
            new(ModelContract.FutureCovariatesInput, windows.FutureCovariates, [n, cfg.Horizon, cfg.CovariateCount]),
        ];
        var actual = new float[expected.Length];
        NamedTensor[] outputs = [new(ModelContract.QuantilesOutput, actual, [n, cfg.Horizon, cfg.QuantileCount])];
        session.Run(inputs, outputs);

        var perRow = cfg.Horizon * cfg.QuantileCount;
        double worst = 0;
        for (var i = 0; i < windows.Count; i++)
        {
            var (_, scale) = WindowScaling.Compute(windows.Values.AsSpan(i * cfg.Lookback, cfg.Lookback));
            for (var j = i * perRow; j < (i + 1) * perRow; j++)
            {
                var d = Math.Abs((double)expected[j] - actual[j]) / scale;
                worst = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(worst, d);
            }
        }

        return worst;
    }
}
