using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Evaluation;

/// <summary>
/// An exported step model (<see cref="ModelContract.Step"/>) loaded for the trainer's checks: the trainer's
/// <see cref="NetworkConfig"/> gives <see cref="StepModelRunner"/> its shapes, and runs go through that runner, the
/// one the service streams with. Must be disposed.
/// </summary>
internal sealed class OnnxStepModel : IDisposable
{
    private readonly OnnxSession _session;
    private readonly StepModelRunner _runner;

    private OnnxStepModel(OnnxSession session, NetworkConfig config)
    {
        _session = session;
        _runner = new StepModelRunner(
            session, config.Lookback, config.Horizon, config.CovariateCount, config.QuantileCount, config.Layers, config.HiddenSize, config.Cell == CellType.Lstm, config.Anchor is not null);
    }

    public IReadOnlyDictionary<string, string> Metadata => _session.CustomMetadata;

    /// <param name="model">The step model's bytes.</param>
    /// <param name="config">The network it was exported from (layers, hidden size, horizon, covariates, quantiles).</param>
    public static OnnxStepModel Load(ReadOnlySpan<byte> model, NetworkConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // One intra-op thread, as the service is configured by default: results are then the same from run to run.
        return new(OnnxSession.Load(model, new OnnxSessionOptions { ExecutionProvider = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 }), config);
    }

    /// <summary>The all-zero state of <paramref name="rows"/> streams, where every stream starts.</summary>
    public StepState ZeroState(int rows) => _runner.InitialState(rows);

    /// <summary>
    /// Feeds <paramref name="steps"/> new observations of <paramref name="rows"/> streams and returns the forecasts
    /// [rows, H, Q] after them, and the advanced state (see <see cref="StepModelRunner.Run"/>).
    /// </summary>
    public (float[] Quantiles, StepState State) Run(
        int rows,
        int steps,
        float[] values,
        float[] pastCovariates,
        float[] futureCovariates,
        IReadOnlyList<StreamScale> scale,
        StepState state,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var mean = scale.Select(s => s.Mean).ToArray();
        var spread = scale.Select(s => s.Spread).ToArray();
        var (forecast, next) = _runner.Run(rows, steps, values, pastCovariates, futureCovariates, mean, spread, state, cancellationToken);
        return (forecast.ToRows(), next);
    }

    public void Dispose() => _session.Dispose();
}
