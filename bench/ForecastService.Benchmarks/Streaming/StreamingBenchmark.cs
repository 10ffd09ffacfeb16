using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ForecastService.Benchmarks.Measurement;
using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Testing;

namespace ForecastService.Benchmarks.Streaming;

/// <summary>
/// What a stream saves, in process through the binding, per shipped model with a step model: one observation (the
/// step model over 1 new point from the stream's state) against one full-window forecast (model.onnx over the
/// lookback), and the step model's time for 1, 4, 16 and lookback new points: a fixed part (the horizon's head and
/// the call) plus a small marginal cost per new point, i.e. O(new points), not O(lookback). Cases are timed in
/// alternating rounds so that drift on a shared machine hits all alike.
/// </summary>
internal sealed class StreamingBenchmark : IBenchmark
{
    private static readonly int[] PointCounts = [1, 4, 16];

    public string Name => "streaming";

    public string Description =>
        "Per model: one stream observation (step.onnx, 1 point) vs one full-window forecast (model.onnx), and step time for 1/4/16/lookback points. Options: --rounds N (5), --seconds S per case and round (0.3), --threads N (1), --models DIR";

    public Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var models = Directory.GetDirectories(options.ModelsRoot)
            .Select(d => Directory.GetDirectories(d).Where(v => File.Exists(Path.Combine(v, ModelContract.Step.FileName))).MaxBy(v => int.Parse(Path.GetFileName(v), CultureInfo.InvariantCulture)))
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (models.Count == 0)
        {
            Console.Error.WriteLine($"No model under {options.ModelsRoot} has a {ModelContract.Step.FileName}.");
            return Task.FromResult(1);
        }

        Console.WriteLine($"streaming: in-process, ForecastService.Inference on ONNX Runtime {OnnxRuntime.Version}; CPU, intra-op threads {options.Threads}, batch 1");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine($"{"model",-16} {"cell",5} {"L",4} {"H",3} {"window (L)",11} {"observe 1",10} {"window/obs",10} {"observe 4",10} {"observe 16",11} {"observe L",10} {"per new point",14}");
        var sessionOptions = new OnnxSessionOptions { IntraOpThreads = options.Threads, InterOpThreads = 1, AllowSpinning = false };
        foreach (var directory in models)
        {
            var card = ModelCardSerializer.Load(Path.Combine(directory, ModelContract.CardFileName));
            using var window = OnnxSession.Load(Path.Combine(directory, ModelContract.OnnxFileName), sessionOptions);
            using var step = OnnxSession.Load(Path.Combine(directory, ModelContract.Step.FileName), sessionOptions);
            var inputs = new StreamingInputs(card, window, step);
            var cases = new List<(string Name, Action Run)> { ("window", inputs.RunWindow) };
            cases.AddRange(PointCounts.Append(card.Lookback).Select(k => ($"step {k}", (Action)(() => inputs.RunStep(k)))));

            // Warm up every case, then size the rounds from the warm-up speed.
            var iterations = new int[cases.Count];
            for (var c = 0; c < cases.Count; c++)
            {
                var perRun = Time(cases[c].Run, 20).Median;
                iterations[c] = (int)Math.Clamp(options.SecondsPerCase * 1e6 / perRun, 10, 20_000);
            }

            var samples = cases.Select(_ => new Samples()).ToArray();
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var c = 0; c < cases.Count; c++)
                {
                    samples[c].AddRange(Time(cases[c].Run, iterations[c]).Values);
                }
            }

            var windowMedian = samples[0].Median;
            var one = samples[1].Median;
            var full = samples[4].Median;

            // The slope between 1 and lookback new points: what each further point adds to an observation.
            var marginal = (full - one) / (card.Lookback - 1);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{card.Name,-16} {card.Cell,5} {card.Lookback,4} {card.Horizon,3} {Samples.Format(windowMedian),11} {Samples.Format(one),10} {windowMedian / one,9:0.0}x {Samples.Format(samples[2].Median),10} {Samples.Format(samples[3].Median),11} {Samples.Format(full),10} {Samples.Format(marginal),14}"));
        }

        Console.WriteLine();
        Console.WriteLine("Medians of single calls. window: model.onnx over the lookback (what POST /forecast runs per series);");
        Console.WriteLine("observe k: step.onnx over k new points from a stream's state (what POST /v1/streams/{id}/observations runs);");
        Console.WriteLine("per new point: (observe L - observe 1) / (L - 1), the marginal cost of each further point.");
        return Task.FromResult(0);
    }

    private static (double Median, List<double> Values) Time(Action run, int iterations)
    {
        var values = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            values.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        var samples = new Samples();
        samples.AddRange(values);
        return (samples.Median, values);
    }

    private sealed record Options(int Rounds, double SecondsPerCase, int Threads, string ModelsRoot)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(Rounds: 5, SecondsPerCase: 0.3, Threads: 1, ModelsRoot: RepositoryPaths.Combine("models"));
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = args[i + 1];
                options = args[i] switch
                {
                    "--rounds" => options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--seconds" => options with { SecondsPerCase = double.Parse(value, CultureInfo.InvariantCulture) },
                    "--threads" => options with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--models" => options with { ModelsRoot = Path.GetFullPath(value) },
                    _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
                };
            }

            return options;
        }

    }
}
