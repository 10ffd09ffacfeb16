using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Inference;

namespace ForecastService.Benchmarks.Streaming;

/// <summary>
/// Inputs and output buffers of both models for one series, built once so that only ONNX Runtime is timed: a
/// wavy seasonal series of a lookback, its calendar covariates, its frozen scaling, and a zero state (the state's values
/// do not change the cost of a run).
/// </summary>
internal sealed class StreamingInputs
{
    private readonly ModelCard _card;
    private readonly int _covariates;
    private readonly float[] _values;
    private readonly float[] _past;
    private readonly float[] _future;
    private readonly float[] _quantiles;
    private readonly float[] _scaleMean;
    private readonly float[] _scaleSpread;
    private readonly float[] _stateH;
    private readonly float[] _stateC;
    private readonly float[] _stateHOut;
    private readonly float[] _stateCOut;
    private readonly bool _lstm;

    public StreamingInputs(ModelCard card)
    {
        _card = card;
        var frequency = Frequency.Parse(card.Frequency);
        var features = CalendarFeatures.For(frequency);
        _covariates = features.Count;
        var season = Math.Max(2, frequency.DefaultSeasonality);
        _values = [.. Enumerable.Range(0, card.Lookback).Select(t => 100 + (10 * MathF.Sin(2 * MathF.PI * t / season)) + (0.05f * t))];
        var times = new DateTimeOffset[card.Lookback + card.Horizon];
        times[0] = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        for (var t = 1; t < times.Length; t++)
        {
            times[t] = frequency.Advance(times[t - 1]);
        }

        _past = new float[card.Lookback * _covariates];
        _future = new float[card.Horizon * _covariates];
        features.Compute(times.AsSpan(0, card.Lookback), _past);
        features.Compute(times.AsSpan(card.Lookback), _future);
        _quantiles = new float[card.Horizon * card.Quantiles.Count];
        var scale = StreamScaling.Compute(_values);
        _scaleMean = [scale.Mean];
        _scaleSpread = [scale.Spread];
        _lstm = string.Equals(card.Cell, "lstm", StringComparison.OrdinalIgnoreCase);
        var stateLength = card.Layers * card.HiddenSize;
        _stateH = new float[stateLength];
        _stateC = new float[stateLength];
        _stateHOut = new float[stateLength];
        _stateCOut = new float[stateLength];
    }

    private long[] StateShape => [_card.Layers, 1, _card.HiddenSize];

    public void RunWindow(OnnxSession window) => window.Run(
        [
            new NamedTensor(ModelContract.ValuesInput, _values, [1, _card.Lookback]),
            new NamedTensor(ModelContract.PastCovariatesInput, _past, [1, _card.Lookback, _covariates]),
            new NamedTensor(ModelContract.FutureCovariatesInput, _future, [1, _card.Horizon, _covariates]),
        ],
        [new NamedTensor(ModelContract.QuantilesOutput, _quantiles, [1, _card.Horizon, _card.Quantiles.Count])]);

    /// <summary>The step model over the last <paramref name="points"/> values of the window, from the held state.</summary>
    public void RunStep(OnnxSession step, int points)
    {
        var from = _card.Lookback - points;
        var inputs = new List<NamedTensor>
        {
            new(ModelContract.ValuesInput, _values.AsMemory(from, points), [1, points]),
            new(ModelContract.PastCovariatesInput, _past.AsMemory(from * _covariates, points * _covariates), [1, points, _covariates]),
            new(ModelContract.FutureCovariatesInput, _future, [1, _card.Horizon, _covariates]),
            new(ModelContract.Step.ScaleMeanInput, _scaleMean, [1, 1]),
            new(ModelContract.Step.ScaleSpreadInput, _scaleSpread, [1, 1]),
            new(ModelContract.Step.StateHInput, _stateH, StateShape),
        };
        var outputs = new List<NamedTensor>
        {
            new(ModelContract.QuantilesOutput, _quantiles, [1, _card.Horizon, _card.Quantiles.Count]),
            new(ModelContract.Step.StateHOutput, _stateHOut, StateShape),
        };
        if (_lstm)
        {
            inputs.Add(new(ModelContract.Step.StateCInput, _stateC, StateShape));
            outputs.Add(new(ModelContract.Step.StateCOutput, _stateCOut, StateShape));
        }

        step.Run(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(inputs), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outputs));
    }
}
