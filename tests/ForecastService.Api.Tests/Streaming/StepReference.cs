using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Inference;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>
/// The from-scratch computation a stream must reproduce: step.onnx run straight through the binding once, from zero
/// state, over the warm-up window and every later point, with the frozen scaling computed here from its definition
/// (mean and population standard deviation of the window's float values; spread = std + 1e-3·(|mean| + 1e-3)).
/// A step model anchored on the whole window (the auto recipe) also starts from an all-zero window state.
/// </summary>
public static class StepReference
{
    /// <summary>Returns quantiles [horizon, quantiles] for the horizon after the last of <paramref name="timestamps"/>.</summary>
    public static float[,] Forecast(StreamingModel model, double[] values, string[] timestamps)
    {
        var window = values.Take(model.Lookback).Select(v => (double)(float)v).ToArray();
        var mean = window.Average();
        var std = Math.Sqrt(window.Sum(v => (v - mean) * (v - mean)) / window.Length);
        var spread = std + (1e-3 * (Math.Abs(mean) + 1e-3));

        var features = CalendarFeatures.For(model.Frequency);
        var c = features.Count;
        var steps = values.Length;
        var times = timestamps.Select(Timestamps.Parse).ToArray();
        var past = new float[steps * c];
        features.Compute(times, past);
        var future = new float[model.Horizon * c];
        var next = times[^1];
        for (var h = 0; h < model.Horizon; h++)
        {
            next = model.Frequency.Advance(next);
            features.Compute(next, future.AsSpan(h * c, c));
        }

        var state = new float[model.Layers * model.HiddenSize];
        long[] stateShape = [model.Layers, 1, model.HiddenSize];
        var inputs = new List<NamedTensor>
        {
            new(ModelContract.ValuesInput, values.Select(v => (float)v).ToArray(), [1, steps]),
            new(ModelContract.PastCovariatesInput, past, [1, steps, c]),
            new(ModelContract.FutureCovariatesInput, future, [1, model.Horizon, c]),
            new(ModelContract.Step.ScaleMeanInput, new[] { (float)mean }, [1, 1]),
            new(ModelContract.Step.ScaleSpreadInput, new[] { (float)spread }, [1, 1]),
            new(ModelContract.Step.StateHInput, state, stateShape),
        };
        if (model.Cell == "lstm")
        {
            inputs.Add(new(ModelContract.Step.StateCInput, new float[state.Length], stateShape));
        }

        using var session = OnnxSession.Load(model.StepPath);
        if (session.Inputs.Any(i => i.Name == ModelContract.Step.StateWindowInput))
        {
            inputs.Add(new(ModelContract.Step.StateWindowInput, new float[model.Lookback], [1, model.Lookback]));
        }

        var output = session.Run([.. inputs], [ModelContract.QuantilesOutput])[0];
        var q = model.Quantiles.Length;
        var result = new float[model.Horizon, q];
        for (var h = 0; h < model.Horizon; h++)
        {
            for (var k = 0; k < q; k++)
            {
                result[h, k] = output.Data[(h * q) + k];
            }
        }

        return result;
    }
}
