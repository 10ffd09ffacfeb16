using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference;

namespace ForecastService.Api.Models;

/// <summary>
/// A model's step model (<c>step.onnx</c>, see models/README.md): advances one stream's recurrent state by the new
/// observations only, with the scaling frozen when the stream was warmed, and forecasts the horizon after them.
/// The session is owned by the <see cref="LoadedModel"/> and disposed with it.
/// </summary>
/// <remarks>
/// A step model whose forecast is anchored on the whole window (a classical forecast computed from it) also carries
/// the last lookback observations as state (<c>state_window</c>); the model folder's step.onnx says so by having that
/// input, and the service passes it through like the recurrent state.
/// </remarks>
internal sealed class StepModel(OnnxSession session, ModelSignature signature, int layers, int hiddenSize, bool hasCellState, bool hasWindowState = false)
{
    public ModelSignature Signature => signature;

    public int Layers => layers;

    public int HiddenSize => hiddenSize;

    /// <summary>True for an LSTM, whose state includes the cell state.</summary>
    public bool HasCellState => hasCellState;

    public string ExecutionProvider => session.ExecutionProvider;

    /// <summary>The state a stream starts from: zeros.</summary>
    public StepState InitialState() => new(
        new float[layers * hiddenSize],
        hasCellState ? new float[layers * hiddenSize] : null,
        hasWindowState ? new float[signature.Lookback] : null);

    /// <summary>
    /// Runs the new <paramref name="values"/> (oldest first, at <paramref name="timestamps"/>) from
    /// <paramref name="state"/>; returns the forecast for <paramref name="future"/> (one step after the last new
    /// timestamp onwards, the model's full horizon) and the state after the new values.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
    public (ForecastOutput Forecast, StepState State) Advance(
        ReadOnlySpan<float> values, ReadOnlySpan<DateTimeOffset> timestamps, ReadOnlySpan<DateTimeOffset> future, StreamScale scale, StepState state, CancellationToken cancellationToken)
    {
        if (values.IsEmpty || values.Length != timestamps.Length || future.Length != signature.Horizon)
        {
            throw new ArgumentException($"Need one timestamp per value and {signature.Horizon} future timestamps.", nameof(values));
        }

        ArgumentNullException.ThrowIfNull(state);
        var steps = values.Length;
        var c = signature.CovariateCount;
        var h = signature.Horizon;
        var q = signature.Quantiles.Count;
        var past = new float[steps * c];
        var next = new float[h * c];
        signature.Features.Compute(timestamps, past);
        signature.Features.Compute(future, next);

        long[] stateShape = [layers, 1, hiddenSize];
        var quantiles = new float[h * q];
        var hidden = new float[layers * hiddenSize];
        var cell = hasCellState ? new float[layers * hiddenSize] : null;
        var inputs = new List<NamedTensor>(7)
        {
            new(ModelContract.ValuesInput, values.ToArray(), [1, steps]),
            new(ModelContract.PastCovariatesInput, past, [1, steps, c]),
            new(ModelContract.FutureCovariatesInput, next, [1, h, c]),
            new(ModelContract.Step.ScaleMeanInput, new[] { scale.Mean }, [1, 1]),
            new(ModelContract.Step.ScaleSpreadInput, new[] { scale.Spread }, [1, 1]),
            new(ModelContract.Step.StateHInput, state.Hidden, stateShape),
        };
        var outputs = new List<NamedTensor>(3)
        {
            new(ModelContract.QuantilesOutput, quantiles, [1, h, q]),
            new(ModelContract.Step.StateHOutput, hidden, stateShape),
        };
        if (cell is not null)
        {
            inputs.Add(new(ModelContract.Step.StateCInput, state.Cell ?? throw new ArgumentException("An LSTM stream needs a cell state.", nameof(state)), stateShape));
            outputs.Add(new(ModelContract.Step.StateCOutput, cell, stateShape));
        }

        var window = hasWindowState ? new float[signature.Lookback] : null;
        if (window is not null)
        {
            inputs.Add(new(ModelContract.Step.StateWindowInput, state.Window ?? throw new ArgumentException("This stream needs its window state.", nameof(state)), [1, signature.Lookback]));
            outputs.Add(new(ModelContract.Step.StateWindowOutput, window, [1, signature.Lookback]));
        }

        session.Run(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(inputs), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outputs), cancellationToken);
        return (new ForecastOutput(1, h, q, quantiles), new StepState(hidden, cell, window));
    }
}
