using System.Security.Cryptography;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Inference.Contracts;

namespace ForecastService.Api.Models;

/// <summary>
/// Loads the step model a card announces (<c>streaming.supported</c>): checks its SHA-256 against the card, its
/// inputs, outputs and metadata against the step contract, and that warming it on a trial window reproduces the
/// window model's forecast. Any problem is a <see cref="ModelLoadException"/>, failing the version as a bad window
/// model does: a model that claims streaming must deliver it.
/// </summary>
internal static class StepModelLoader
{
    /// <exception cref="ModelLoadException">The step model cannot be served.</exception>
    public static (StepModelRunner Model, OnnxSession Session) Load(string directory, ModelCard card, ModelSignature signature, OnnxSessionOptions options, DirectForecaster window)
    {
        var streaming = card.Streaming!;
        var fileName = streaming.StepModel ?? ModelContract.Step.FileName;
        if (fileName.Length == 0 || !string.Equals(Path.GetFileName(fileName), fileName, StringComparison.Ordinal))
        {
            throw new ModelLoadException($"the card's streaming.stepModel '{fileName}' must be a file name beside {ModelContract.OnnxFileName}, not a path");
        }

        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"the card says streaming is supported but {fileName} is missing");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw new ModelLoadException($"{fileName} is empty (0 bytes); it may still be being copied");
        }

        if (streaming.Sha256 is not { Length: > 0 } expectedHash)
        {
            throw new ModelLoadException($"the card's streaming section lacks sha256, so {fileName} cannot be checked against it");
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expectedHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException($"{fileName} has SHA-256 {actual} but the card's streaming.sha256 is {expectedHash}; the card describes another file");
        }

        OnnxSession session;
        try
        {
            session = OnnxSession.Load(bytes, options);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or ArgumentException)
        {
            throw new ModelLoadException($"ONNX Runtime cannot load {fileName}: {ex.Message}", ex);
        }

        try
        {
            var problems = StepContractChecker.Check(session, card, signature);
            if (problems.Count > 0)
            {
                throw new ModelLoadException($"{fileName}: {string.Join("; ", problems)}");
            }

            var lstm = string.Equals(card.Cell, "lstm", StringComparison.OrdinalIgnoreCase);
            var windowState = session.Inputs.Any(i => i.Name == ModelContract.Step.StateWindowInput);
            var step = new StepModelRunner(session, signature, card.Layers, card.HiddenSize, lstm, windowState);
            TrialRun(step, window, signature, fileName);
            return (step, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Warms the step model on a ramp from zero state and compares its forecast with the window model's on the same
    /// window, which the contract says must agree: a step model exported from other weights fails here.
    /// </summary>
    private static void TrialRun(StepModelRunner step, DirectForecaster window, ModelSignature signature, string fileName)
    {
        var values = new float[signature.Lookback];
        var past = new DateTimeOffset[signature.Lookback];
        var future = new DateTimeOffset[signature.Horizon];
        var time = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        for (var t = 0; t < values.Length; t++)
        {
            past[t] = time;
            values[t] = 100 + t + (5 * MathF.Sin(t / 2f));
            time = signature.Frequency.Advance(time);
        }

        for (var h = 0; h < future.Length; h++)
        {
            future[h] = time;
            time = signature.Frequency.Advance(time);
        }

        ForecastOutput expected;
        ForecastOutput actual;
        var scale = StreamScaling.Compute(values);
        try
        {
            expected = window.ForecastAsync(ForecastInput.FromWindows([new SeriesWindow("trial", values, past, future)], signature), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            actual = step.Advance(values, past, future, scale, step.InitialState(), CancellationToken.None).Forecast;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"a trial run of {fileName} with the card's shapes (layers {step.Layers}, hidden size {step.HiddenSize}) failed: {ex.Message}", ex);
        }

        float[] expectedRows = expected.ToRows(), actualRows = actual.ToRows();
        for (var i = 0; i < expectedRows.Length; i++)
        {
            var a = actualRows[i];
            var e = expectedRows[i];

            // The contract promises 1e-4; a tenfold margin keeps float noise from failing a good model while a step
            // model with other weights or scaling misses by far more.
            if (!float.IsFinite(a) || Math.Abs(a - e) > 1e-3 * (Math.Abs(e) + scale.Spread))
            {
                throw new ModelLoadException($"warming {fileName} on a trial window does not reproduce {ModelContract.OnnxFileName}'s forecast (element {i}: {a} vs {e}); it was not exported from the same weights");
            }
        }
    }
}
