using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Inference;

namespace ForecastService.Benchmarks.Streaming;

/// <summary>
/// One series' inputs for both models, built once so that only the runs are timed: a wavy seasonal series of a
/// lookback, its calendar covariates, its frozen scaling, and a zero state (the state's values do not change the cost
/// of a run). Runs go through the service's own runners, so the benchmark measures what a stream costs.
/// </summary>
internal sealed class StreamingInputs
{
    private readonly ModelCard _card;
    private readonly WindowModelRunner _window;
    private readonly StepModelRunner _step;
    private readonly StepState _state;
    private readonly int _covariates;
    private readonly float[] _values;
    private readonly float[] _past;
    private readonly float[] _future;
    private readonly float[] _quantiles;
    private readonly float[] _scaleMean;
    private readonly float[] _scaleSpread;

    public StreamingInputs(ModelCard card, OnnxSession window, OnnxSession step)
    {
        _card = card;
        var frequency = Frequency.Parse(card.Frequency);
        var features = CalendarFeatures.For(frequency);
        _covariates = features.Count;
        var quantiles = card.Quantiles.Count;
        _window = new WindowModelRunner(window, card.Lookback, card.Horizon, _covariates, quantiles);
        var lstm = string.Equals(card.Cell, "lstm", StringComparison.OrdinalIgnoreCase);
        var windowState = step.Inputs.Any(i => i.Name == ModelContract.Step.StateWindowInput);
        _step = new StepModelRunner(step, card.Lookback, card.Horizon, _covariates, quantiles, card.Layers, card.HiddenSize, lstm, windowState);
        _state = _step.InitialState();

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
        _quantiles = new float[card.Horizon * quantiles];
        var scale = StreamScaling.Compute(_values);
        _scaleMean = [scale.Mean];
        _scaleSpread = [scale.Spread];
    }

    public void RunWindow() => _window.Run(1, _values, _past, _future, _quantiles);

    /// <summary>The step model over the last <paramref name="points"/> values of the window, from the held state.</summary>
    public void RunStep(int points)
    {
        var from = _card.Lookback - points;
        _step.Run(1, points, _values.AsMemory(from, points), _past.AsMemory(from * _covariates, points * _covariates), _future, _scaleMean, _scaleSpread, _state);
    }
}
