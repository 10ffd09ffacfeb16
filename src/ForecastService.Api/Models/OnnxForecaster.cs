using ForecastService.Api.Metrics;
using ForecastService.Api.Tracing;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference;

namespace ForecastService.Api.Models;

/// <summary>Runs a window model on ONNX Runtime: one <see cref="OnnxSession.Run(ReadOnlySpan{NamedTensor}, ReadOnlySpan{NamedTensor}, CancellationToken)"/> per batch, writing straight into the answer's buffer.</summary>
/// <remarks>Without <paramref name="metrics"/> (the trial run at load) runs are not recorded.</remarks>
internal sealed class OnnxForecaster(OnnxSession session, ModelSignature signature, ModelRunMetrics? metrics, TimeProvider time) : IForecaster
{
    public ModelSignature Signature => signature;

    public string ExecutionProvider => session.ExecutionProvider;

    public ValueTask<ForecastOutput> ForecastAsync(ForecastInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = time.GetTimestamp();
        using var span = ForecastTracing.StartRun(input.BatchSize);
        var output = Run(session, signature, input, cancellationToken);
        metrics?.Run(input.BatchSize, time.GetElapsedTime(started));
        return ValueTask.FromResult(output);
    }

    /// <summary>One run of the window model over the input's own arrays, into a new answer buffer.</summary>
    public static ForecastOutput Run(OnnxSession session, ModelSignature signature, ForecastInput input, CancellationToken cancellationToken)
    {
        var quantileCount = signature.Quantiles.Count;
        var output = GC.AllocateUninitializedArray<float>(input.BatchSize * signature.Horizon * quantileCount);
        ReadOnlySpan<NamedTensor> inputs =
        [
            new(ModelContract.ValuesInput, input.Values, input.ValuesShape),
            new(ModelContract.PastCovariatesInput, input.PastCovariates, input.PastCovariatesShape),
            new(ModelContract.FutureCovariatesInput, input.FutureCovariates, input.FutureCovariatesShape),
        ];
        ReadOnlySpan<NamedTensor> outputs = [new(ModelContract.QuantilesOutput, output, [input.BatchSize, signature.Horizon, quantileCount])];
        session.Run(inputs, outputs, cancellationToken);
        return new ForecastOutput(input.BatchSize, signature.Horizon, quantileCount, output);
    }
}
