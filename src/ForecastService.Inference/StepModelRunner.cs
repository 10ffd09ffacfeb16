using System.Buffers;
using System.Runtime.InteropServices;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Core.Time;

namespace ForecastService.Inference;

/// <summary>
/// Runs a step model (<see cref="ModelContract.Step"/>, see models/README.md): advances streams' recurrent state by
/// their new observations only, with each stream's scaling frozen when it was warmed, and forecasts the horizon after
/// them. The one place that shapes a step model's tensors, for the service's streams and the trainer's export check.
/// Thread-safe; the session is not owned.
/// </summary>
/// <remarks>
/// A step model whose forecast is anchored on the whole window (a classical forecast computed from it) also carries
/// the last lookback observations as state (<c>state_window</c>); the model says so by having that input, and the
/// runner passes it through like the recurrent state.
/// </remarks>
public sealed class StepModelRunner
{
    private readonly OnnxSession _session;
    private readonly CalendarFeatures? _features;

    /// <param name="session">The step model's session.</param>
    /// <param name="lookback">The window model's lookback (the length of the window state).</param>
    /// <param name="horizon">Steps forecast after the last observation.</param>
    /// <param name="covariates">Calendar covariates per step.</param>
    /// <param name="quantileCount">Quantiles per step.</param>
    /// <param name="layers">Recurrent layers.</param>
    /// <param name="hiddenSize">Hidden units per layer.</param>
    /// <param name="hasCellState">True for an LSTM, whose state includes the cell state.</param>
    /// <param name="hasWindowState">True when the model carries the last lookback observations as state.</param>
    public StepModelRunner(OnnxSession session, int lookback, int horizon, int covariates, int quantileCount, int layers, int hiddenSize, bool hasCellState, bool hasWindowState)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(covariates);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantileCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        _session = session;
        Lookback = lookback;
        Horizon = horizon;
        Covariates = covariates;
        QuantileCount = quantileCount;
        Layers = layers;
        HiddenSize = hiddenSize;
        HasCellState = hasCellState;
        HasWindowState = hasWindowState;
    }

    /// <summary>A runner for a model version the service loaded, which computes covariates from timestamps (<see cref="Advance"/>).</summary>
    public StepModelRunner(OnnxSession session, ModelSignature signature, int layers, int hiddenSize, bool hasCellState, bool hasWindowState = false)
        : this(session, (signature ?? throw new ArgumentNullException(nameof(signature))).Lookback, signature.Horizon, signature.CovariateCount, signature.Quantiles.Count, layers, hiddenSize, hasCellState, hasWindowState)
    {
        _features = signature.Features;
    }

    public int Lookback { get; }

    public int Horizon { get; }

    public int Covariates { get; }

    public int QuantileCount { get; }

    public int Layers { get; }

    public int HiddenSize { get; }

    /// <summary>True for an LSTM, whose state includes the cell state.</summary>
    public bool HasCellState { get; }

    /// <summary>True when the model carries the last lookback observations as state.</summary>
    public bool HasWindowState { get; }

    public string ExecutionProvider => _session.ExecutionProvider;

    /// <summary>The all-zero state of <paramref name="rows"/> streams, where every stream starts.</summary>
    public StepState InitialState(int rows = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var size = Layers * rows * HiddenSize;
        return new StepState(new float[size], HasCellState ? new float[size] : null, HasWindowState ? new float[rows * Lookback] : null);
    }

    /// <summary>
    /// Runs one stream's new <paramref name="values"/> (oldest first, at <paramref name="timestamps"/>) from
    /// <paramref name="state"/>; returns the forecast for <paramref name="future"/> (one step after the last new
    /// timestamp onwards, the model's full horizon) and the state after the new values. The calendar covariates come
    /// from the timestamps, as the model's signature computes them.
    /// </summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
    public (ForecastOutput Forecast, StepState State) Advance(
        ReadOnlySpan<float> values, ReadOnlySpan<DateTimeOffset> timestamps, ReadOnlySpan<DateTimeOffset> future, StreamScale scale, StepState state, CancellationToken cancellationToken)
    {
        var features = _features ?? throw new InvalidOperationException("Built without a model signature, the runner has no calendar to compute covariates from; use Run.");
        if (values.IsEmpty || values.Length != timestamps.Length || future.Length != Horizon)
        {
            throw new ArgumentException($"Need one timestamp per value and {Horizon} future timestamps.", nameof(values));
        }

        var past = new float[values.Length * Covariates];
        var next = new float[Horizon * Covariates];
        features.Compute(timestamps, past);
        features.Compute(future, next);
        return Run(1, values.Length, values.ToArray(), past, next, new[] { scale.Mean }, new[] { scale.Spread }, state, cancellationToken);
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
    /// <param name="scaleMean">[rows]: each stream's frozen scaling mean.</param>
    /// <param name="scaleSpread">[rows]: each stream's frozen scaling spread.</param>
    /// <param name="state">The state before the new observations; not modified.</param>
    /// <param name="cancellationToken">Stops the run inside ONNX Runtime.</param>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
    public (ForecastOutput Forecast, StepState State) Run(
        int rows, int steps, Memory<float> values, Memory<float> pastCovariates, Memory<float> futureCovariates, Memory<float> scaleMean, Memory<float> scaleSpread, StepState state, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentNullException.ThrowIfNull(state);
        int h = Horizon, c = Covariates, q = QuantileCount;
        long[] stateShape = [Layers, rows, HiddenSize];
        // ONNX Runtime writes model rows into a pooled buffer, taken once into the answer's columns (as WindowModelRunner).
        var length = rows * h * q;
        var rented = ArrayPool<float>.Shared.Rent(length);
        var quantiles = rented.AsMemory(0, length);
        var next = InitialState(rows);
        var inputs = new List<NamedTensor>(8)
        {
            new(ModelContract.ValuesInput, values, [rows, steps]),
            new(ModelContract.PastCovariatesInput, pastCovariates, [rows, steps, c]),
            new(ModelContract.FutureCovariatesInput, futureCovariates, [rows, h, c]),
            new(ModelContract.Step.ScaleMeanInput, scaleMean, [rows, 1]),
            new(ModelContract.Step.ScaleSpreadInput, scaleSpread, [rows, 1]),
            new(ModelContract.Step.StateHInput, state.Hidden, stateShape),
        };
        var outputs = new List<NamedTensor>(3)
        {
            new(ModelContract.QuantilesOutput, quantiles, [rows, h, q]),
            new(ModelContract.Step.StateHOutput, next.Hidden, stateShape),
        };
        if (HasCellState)
        {
            inputs.Add(new(ModelContract.Step.StateCInput, state.Cell ?? throw new ArgumentException("An LSTM stream needs a cell state.", nameof(state)), stateShape));
            outputs.Add(new(ModelContract.Step.StateCOutput, next.Cell!, stateShape));
        }

        if (HasWindowState)
        {
            long[] windowShape = [rows, Lookback];
            inputs.Add(new(ModelContract.Step.StateWindowInput, state.Window ?? throw new ArgumentException("This stream needs its window state.", nameof(state)), windowShape));
            outputs.Add(new(ModelContract.Step.StateWindowOutput, next.Window!, windowShape));
        }

        try
        {
            _session.Run(CollectionsMarshal.AsSpan(inputs), CollectionsMarshal.AsSpan(outputs), cancellationToken);
            return (ForecastOutput.FromRows(rows, h, q, quantiles.Span), next);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
