using System.Globalization;
using System.Text.Json;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;

namespace ForecastService.Benchmarks.Serving;

/// <summary>
/// The model under test and the windows sent to it: <see cref="Distinct"/> different series (levels, phases and
/// noise differ), each one request body of one series, and the same windows as tensors for the in-process runs.
/// </summary>
internal sealed class ServingWorkload
{
    public const int Distinct = 256;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private ServingWorkload(string repositoryRoot, string modelDirectory, ModelCard card)
    {
        RepositoryRoot = repositoryRoot;
        ModelPath = Path.Combine(modelDirectory, ModelContract.OnnxFileName);
        Card = card;
        Signature = ModelSignature.FromCard(card);
        var random = new Random(7);
        Series = [.. Enumerable.Range(0, Distinct).Select(k => MakeSeries(random, k, card.Lookback))];
        Bodies = [.. Series.Select((values, k) => Body(k, values))];
    }

    public string RepositoryRoot { get; }

    public string ModelPath { get; }

    public ModelCard Card { get; }

    public ModelSignature Signature { get; }

    public float[][] Series { get; }

    /// <summary>UTF-8 request bodies, one series each, e.g. <c>{"series":[{"id":"m7","start":"…","values":[…]}]}</c>.</summary>
    public byte[][] Bodies { get; }

    public string ForecastPath => $"/v1/models/{Card.Name}/forecast";

    /// <summary>The repository's <c>models/</c> with the model to time (energy-load, its highest version).</summary>
    public static ServingWorkload Load(string repositoryRoot, string modelName)
    {
        var models = Path.Combine(repositoryRoot, "models");
        var versions = Path.Combine(models, modelName);
        var latest = Directory.Exists(versions)
            ? Directory.GetDirectories(versions).Select(Path.GetFileName).Where(v => int.TryParse(v, out _)).Select(v => int.Parse(v!, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max()
            : 0;
        var directory = Path.Combine(versions, latest.ToString(CultureInfo.InvariantCulture));
        if (latest == 0 || !File.Exists(Path.Combine(directory, ModelContract.OnnxFileName)))
        {
            throw new InvalidOperationException($"No {modelName} model under {versions}: `serving` times the shipped model (models/{modelName}/<version>/model.onnx).");
        }

        return new ServingWorkload(models, directory, ModelCardSerializer.Load(Path.Combine(directory, ModelContract.CardFileName)));
    }

    /// <summary>Windows <c>[first, first + batch)</c> (mod <see cref="Distinct"/>) as the model's input tensors.</summary>
    public ForecastInput Input(int first, int batch)
    {
        var windows = new SeriesWindow[batch];
        var frequency = Signature.Frequency;
        var past = Enumerable.Range(0, Signature.Lookback).Select(i => frequency.Advance(Start, i)).ToArray();
        var future = Enumerable.Range(0, Signature.Horizon).Select(h => frequency.Advance(Start, Signature.Lookback + h)).ToArray();
        for (var b = 0; b < batch; b++)
        {
            windows[b] = new SeriesWindow($"m{b}", Series[(first + b) % Distinct], past, future);
        }

        return ForecastInput.FromWindows(windows, Signature);
    }

    private static float[] MakeSeries(Random random, int k, int length)
    {
        var level = 500 + (random.NextDouble() * 5000);
        var phase = random.NextDouble() * 2 * Math.PI;
        return [.. Enumerable.Range(0, length).Select(i => (float)Math.Round(level * (1 + (0.2 * Math.Sin((2 * Math.PI * i / 48) + phase))) + (random.NextDouble() * level * 0.02) + k, 2))];
    }

    private static byte[] Body(int k, float[] values)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("series");
            json.WriteStartObject();
            json.WriteString("id", $"m{k}");
            json.WriteString("start", Start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteStartArray("values");
            foreach (var v in values)
            {
                json.WriteNumberValue(v);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}
