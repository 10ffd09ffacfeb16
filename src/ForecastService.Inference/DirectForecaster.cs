using ForecastService.Core.Forecasting;

namespace ForecastService.Inference;

/// <summary>
/// An <see cref="IForecaster"/> that runs each call on its own, on the caller's thread: one ONNX Runtime run per
/// call (batching off, and the trial run at load).
/// </summary>
/// <param name="runner">The model version's window runner.</param>
/// <param name="signature">Its signature.</param>
/// <param name="time">Measures run times.</param>
/// <param name="onRun">Told each run's batch size and time (metrics); null for the trial run at load, which is not recorded.</param>
public sealed class DirectForecaster(WindowModelRunner runner, ModelSignature signature, TimeProvider time, Action<int, TimeSpan>? onRun = null) : IForecaster
{
    public ModelSignature Signature => signature;

    public string ExecutionProvider => runner.ExecutionProvider;

    public ValueTask<ForecastOutput> ForecastAsync(ForecastInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = time.GetTimestamp();
        using var span = InferenceTracing.StartRun(input.BatchSize);
        var output = runner.Run(input, cancellationToken);
        onRun?.Invoke(input.BatchSize, time.GetElapsedTime(started));
        return ValueTask.FromResult(output);
    }
}
