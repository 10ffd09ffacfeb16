namespace ForecastService.Core.Forecasting;

/// <summary>
/// Runs the window model of one model version on a batch of windows. One instance per loaded model version; safe to
/// call concurrently. A dynamic batcher is itself an <see cref="IForecaster"/> wrapping another, so callers never
/// know whether their windows ran alone or with others'.
/// </summary>
public interface IForecaster
{
    ModelSignature Signature { get; }

    /// <summary>Where the model runs, e.g. <c>CPU</c> or <c>CUDA</c>.</summary>
    string ExecutionProvider { get; }

    /// <summary>Runs the model on every window of <paramref name="input"/> and returns its full-horizon quantiles.</summary>
    ValueTask<ForecastOutput> ForecastAsync(ForecastInput input, CancellationToken cancellationToken);
}
