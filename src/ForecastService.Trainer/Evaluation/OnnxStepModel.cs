using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Evaluation;

/// <summary>
/// Runs an exported step model (<see cref="ModelContract.Step"/>) through ONNX Runtime, the way the service streams:
/// new observations in, with a frozen scaling and the recurrent state, forecasts and the advanced state out.
/// Must be disposed.
/// </summary>
internal sealed class OnnxStepModel : IDisposable
{
    private readonly OnnxSession _session;
    private readonly NetworkConfig _cfg;

    private OnnxStepModel(OnnxSession session, NetworkConfig config)
    {
        _session = session;
        _cfg = config;
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
    public RecurrentState ZeroState(int rows)
    {
        var size = _cfg.Layers * rows * _cfg.HiddenSize;
        return new RecurrentState(new float[size], _cfg.Cell == CellType.Lstm ? new float[size] : null, _cfg.Anchor is null ? null : new float[rows * _cfg.Lookback]);
    }

    /// <summary>
    /// Feeds <paramref name="steps"/> new observations of <paramref name="rows"/> streams and returns the forecasts
    /// [rows, H, Q] after them, and the advanced state.
    /// </summary>
    /// <param name="rows">Streams in this run (the batch).</param>
    /// <param name="steps">New observations per stream; at least 1.</param>
    /// <param name="values">[rows, steps] raw observations, oldest first.</param>
    /// <param name="pastCovariates">[rows, steps, C].</param>
    /// <param name="futureCovariates">[rows, H, C] of the H timestamps after the last new observation.</param>
    /// <param name="scale">One frozen scaling per row.</param>
    /// <param name="state">The state before the new observations; not modified.</param>
    /// <param name="cancellationToken">Stops the run inside ONNX Runtime.</param>
    public (float[] Quantiles, RecurrentState State) Run(
        int rows,
        int steps,
        float[] values,
        float[] pastCovariates,
        float[] futureCovariates,
        IReadOnlyList<StreamScale> scale,
        RecurrentState state,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(state);
        int h = _cfg.Horizon, c = _cfg.CovariateCount, q = _cfg.QuantileCount;
        long[] stateShape = [_cfg.Layers, rows, _cfg.HiddenSize];
        var mean = scale.Select(s => s.Mean).ToArray();
        var spread = scale.Select(s => s.Spread).ToArray();
        var inputs = new List<NamedTensor>
        {
            new(ModelContract.ValuesInput, values, [rows, steps]),
            new(ModelContract.PastCovariatesInput, pastCovariates, [rows, steps, c]),
            new(ModelContract.FutureCovariatesInput, futureCovariates, [rows, h, c]),
            new(ModelContract.Step.ScaleMeanInput, mean, [rows, 1]),
            new(ModelContract.Step.ScaleSpreadInput, spread, [rows, 1]),
            new(ModelContract.Step.StateHInput, state.Hidden, stateShape),
        };
        var quantiles = new float[rows * h * q];
        var next = ZeroState(rows);
        var outputs = new List<NamedTensor>
        {
            new(ModelContract.QuantilesOutput, quantiles, [rows, h, q]),
            new(ModelContract.Step.StateHOutput, next.Hidden, stateShape),
        };
        if (state.Cell is { } cell)
        {
            inputs.Add(new(ModelContract.Step.StateCInput, cell, stateShape));
            outputs.Add(new(ModelContract.Step.StateCOutput, next.Cell!, stateShape));
        }

        if (state.Window is { } window)
        {
            inputs.Add(new(ModelContract.Step.StateWindowInput, window, [rows, _cfg.Lookback]));
            outputs.Add(new(ModelContract.Step.StateWindowOutput, next.Window!, [rows, _cfg.Lookback]));
        }

        _session.Run(inputs.ToArray(), outputs.ToArray(), cancellationToken);
        return (quantiles, next);
    }

    public void Dispose() => _session.Dispose();
}
