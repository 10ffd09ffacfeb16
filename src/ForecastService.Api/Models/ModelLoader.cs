using System.Security.Cryptography;
using System.Text.Json;
using ForecastService.Api.Json;
using ForecastService.Api.Logging;
using ForecastService.Api.Options;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Inference.Batching;
using ForecastService.Inference.Contracts;

namespace ForecastService.Api.Models;

/// <summary>
/// Loads one <c>&lt;name&gt;/&lt;version&gt;</c> folder: reads the card, checks the graph against it and the contract,
/// runs a trial batch, loads the step model when the card announces streaming, and wraps the session in an <see cref="DirectForecaster"/>, behind a <see cref="DynamicBatcher"/> when
/// batching is on for the model. Any problem becomes a
/// <see cref="ModelLoadException"/> whose message an operator can act on.
/// </summary>
internal sealed class ModelLoader(OnnxSessionOptions sessionOptions, BatchingOptions batching, IModelRunMetrics metrics, TimeProvider time, ILogger logger)
{
    public const string ExampleFileName = "example.json";

    // Examples are checked against the model with limits far above any real request.
    private static readonly RequestLimits ExampleLimits = new(100_000, 10_000_000, 100_000_000);

    /// <exception cref="ModelLoadException">The version cannot be served.</exception>
    public LoadedModel Load(string name, int version, string directory, Action<LoadedModel> onDisposed, out ModelCard? card)
    {
        card = null;
        var cardPath = Path.Combine(directory, ModelContract.CardFileName);
        var onnxPath = Path.Combine(directory, ModelContract.OnnxFileName);
        if (!File.Exists(cardPath))
        {
            throw new ModelLoadException($"{ModelContract.CardFileName} is missing");
        }

        if (!File.Exists(onnxPath))
        {
            throw new ModelLoadException($"{ModelContract.OnnxFileName} is missing");
        }

        card = ReadCard(cardPath);
        var signature = CheckCard(card, name, version);

        // Read once: the hash and the session see the same bytes even if the file is being replaced.
        var bytes = File.ReadAllBytes(onnxPath);
        if (bytes.Length == 0)
        {
            // Usually a copy in progress: the next poll sees the file's new stamp and loads it again.
            throw new ModelLoadException($"{ModelContract.OnnxFileName} is empty (0 bytes); it may still be being copied");
        }
        if (card.OnnxSha256 is { Length: > 0 } expectedHash)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, expectedHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelLoadException($"{ModelContract.OnnxFileName} has SHA-256 {actual} but the card says {expectedHash}; the card describes another file");
            }
        }

        OnnxSession session;
        try
        {
            session = OnnxSession.Load(bytes, sessionOptions);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or ArgumentException)
        {
            throw new ModelLoadException($"ONNX Runtime cannot load {ModelContract.OnnxFileName}: {ex.Message}", ex);
        }

        StepModelRunner? step = null;
        OnnxSession? stepSession = null;
        try
        {
            var problems = ModelContractChecker.Check(session, card, signature);
            if (problems.Count > 0)
            {
                throw new ModelLoadException(string.Join("; ", problems));
            }

            if (session.ExecutionProviderFallbackReason is { } reason)
            {
                // ORT's reason names the provider library by its absolute path; the file name is enough and keeps the host's layout out of logs.
                Log.ProviderFallback(logger, name, version, session.ExecutionProvider, LogText.RedactPaths(reason));
            }

            var trial = new DirectForecaster(new WindowModelRunner(session, signature), signature, time);
            TrialRun(trial, signature);
            if (card.Streaming is { Supported: true })
            {
                (step, stepSession) = StepModelLoader.Load(directory, card, signature, sessionOptions, trial);
            }

            var runMetrics = metrics.ForModel(signature, session.ExecutionProvider);
            var forecaster = new DirectForecaster(new WindowModelRunner(session, signature), signature, time, runMetrics.Run);
            var example = ReadExample(directory, signature) ?? MakeExample(signature);
            var history = ModelHistory.Read(directory, signature, out var historyProblem);
            if (historyProblem is not null)
            {
                Log.HistoryIgnored(logger, name, version, historyProblem);
            }
            var settings = batching.For(name);
            if (!settings.Enabled)
            {
                return new LoadedModel(card, signature, forecaster, example, new DisposeInOrder([session, .. OfNullable(stepSession)]), onDisposed) { Step = step, History = history };
            }

            // The batcher goes first on dispose: it answers what is still queued while the session is alive.
            var batcher = new DynamicBatcher(session, signature, settings, time, runMetrics.Run, runMetrics.QueueWait);
            return new LoadedModel(card, signature, batcher, example, new DisposeInOrder([batcher, session, .. OfNullable(stepSession)]), onDisposed) { Step = step, History = history };
        }
        catch
        {
            stepSession?.Dispose();
            session.Dispose();
            throw;
        }
    }

    private static IDisposable[] OfNullable(IDisposable? resource) => resource is null ? [] : [resource];

    private static ModelCard ReadCard(string path)
    {
        try
        {
            return ModelCardSerializer.Load(path);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{ModelContract.CardFileName} is not a valid model card: {ex.Message}", ex);
        }
    }

    private static ModelSignature CheckCard(ModelCard card, string name, int version)
    {
        if (card.ContractVersion != ModelContract.Version)
        {
            throw new ModelLoadException($"the card is for contract version {card.ContractVersion}; this service serves version {ModelContract.Version}");
        }

        if (!string.Equals(card.Name, name, StringComparison.Ordinal) || card.Version != version)
        {
            throw new ModelLoadException($"the card describes {card.Name} v{card.Version} but sits in {name}/{version}");
        }

        try
        {
            return ModelSignature.FromCard(card);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ModelLoadException($"the card is unusable: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs two windows through the model: a graph whose symbolic dimensions disagree with the card, or that
    /// answers NaN on a plain ramp, fails here rather than on a user's request.
    /// </summary>
    private static void TrialRun(DirectForecaster forecaster, ModelSignature signature)
    {
        var windows = new SeriesWindow[2];
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        for (var b = 0; b < windows.Length; b++)
        {
            var past = new DateTimeOffset[signature.Lookback];
            var values = new float[signature.Lookback];
            past[0] = start;
            for (var t = 0; t < past.Length; t++)
            {
                past[t] = t == 0 ? start : signature.Frequency.Advance(past[t - 1]);
                values[t] = 100 + (b * 10) + t;
            }

            var future = new DateTimeOffset[signature.Horizon];
            for (var h = 0; h < future.Length; h++)
            {
                future[h] = signature.Frequency.Advance(h == 0 ? past[^1] : future[h - 1]);
            }

            windows[b] = new SeriesWindow($"trial-{b}", values, past, future);
        }

        ForecastOutput output;
        try
        {
            output = forecaster.ForecastAsync(ForecastInput.FromWindows(windows, signature), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"a trial run with the card's shapes (lookback {signature.Lookback}, horizon {signature.Horizon}) failed: {ex.Message}", ex);
        }

        if (!Enumerable.Range(0, output.BatchSize).All(output.IsFinite))
        {
            throw new ModelLoadException("a trial run on a plain ramp answered NaN or Infinity");
        }
    }

    private string? ReadExample(string directory, ModelSignature signature)
    {
        var path = Path.Combine(directory, ExampleFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var json = File.ReadAllText(path);
            var request = JsonSerializer.Deserialize(json, ForecastJsonContext.Default.ForecastRequest);
            var result = ForecastRequestValidator.Validate(request, signature, ExampleLimits);
            if (result.IsValid)
            {
                return json;
            }

            Log.ExampleIgnored(logger, signature.Name, signature.Version, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        }
        catch (JsonException ex)
        {
            Log.ExampleIgnored(logger, signature.Name, signature.Version, ex.Message);
        }

        return null;
    }

    /// <summary>A regular series of one lookback with a daily swing, for models shipped without an example.json.</summary>
    private static string MakeExample(ModelSignature signature)
    {
        var season = Math.Max(2, signature.Frequency.DefaultSeasonality);
        var values = new double?[signature.Lookback];
        for (var t = 0; t < values.Length; t++)
        {
            values[t] = Math.Round(100 + (10 * Math.Sin(2 * Math.PI * t / season)) + (0.05 * t), 3);
        }

        var request = new ForecastRequest
        {
            Horizon = signature.Horizon,
            Series = [new SeriesInput { Id = "example-1", Start = "2026-01-05T00:00:00Z", Values = values }],
        };
        return JsonSerializer.Serialize(request, ForecastJsonContext.Default.ForecastRequest);
    }
}
