using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ForecastService.Benchmarks.Measurement;
using ForecastService.Inference;

namespace ForecastService.Benchmarks.OnnxLstm;

/// <summary>
/// Per-Run time of a single-layer LSTM (hidden 64, 168 steps, 1 feature, output Y_h) through ForecastService.Inference
/// (the official C# API) and through onnxruntime-node (same ORT version, model file, inputs and thread settings), measured in
/// alternating rounds so that drift on a shared machine hits both alike.
/// </summary>
internal sealed class OnnxLstmBenchmark : IBenchmark
{
    public string Name => "onnx-lstm";

    public string Description =>
        "LSTM(64) x 168 steps, batch 1 and 64: ForecastService.Inference vs onnxruntime-node. Options: --rounds N (5), --seconds S per round (0.4), --threads N (1), --batches 1,64";

    public async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var work = Directory.CreateTempSubdirectory("fs-bench-onnx-lstm-").FullName;
        try
        {
            var modelPath = Path.Combine(work, "lstm.onnx");
            LstmBenchmarkModel.Build(seed: 42).Save(modelPath);

            var sessionOptions = new OnnxSessionOptions { IntraOpThreads = options.Threads, InterOpThreads = 1, AllowSpinning = false };
            using var ours = OnnxSession.Load(modelPath, sessionOptions);
            await using var node = await NodeOrtRunner.StartAsync(modelPath, options.Threads);

            Console.WriteLine($"onnx-lstm: LSTM hidden {LstmBenchmarkModel.Hidden}, {LstmBenchmarkModel.Steps} steps, {LstmBenchmarkModel.Features} feature, output Y_h; CPU, intra-op threads {options.Threads}");
            Console.WriteLine($"ours: ForecastService.Inference on the official ONNX Runtime {OnnxRuntime.Version} package");
            Console.WriteLine($"official: onnxruntime-node {NodeOrtRunner.PackageVersion} {node.Versions}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            Console.WriteLine();
            Console.WriteLine($"{"batch",5}  {"binding",-42} {"median",10} {"p95",10} {"mean",10} {"runs",6}");

            var rows = new List<string>();
            foreach (var batch in options.Batches)
            {
                rows.Add(await MeasureBatchAsync(ours, node, work, batch, options));
            }

            Console.WriteLine();
            rows.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> MeasureBatchAsync(OnnxSession ours, NodeOrtRunner node, string work, int batch, Options options)
    {
        var x = LstmBenchmarkModel.Uniform(new Random(1000 + batch), LstmBenchmarkModel.Steps * batch * LstmBenchmarkModel.Features, 1f);
        var inputPath = Path.Combine(work, $"x_{batch}.bin");
        await File.WriteAllBytesAsync(inputPath, MemoryMarshal.AsBytes(x.AsSpan()).ToArray());
        long[] xShape = [LstmBenchmarkModel.Steps, batch, LstmBenchmarkModel.Features];
        long[] yShape = [1, batch, LstmBenchmarkModel.Hidden];
        var y = new float[batch * LstmBenchmarkModel.Hidden];

        // Warm up both, size the rounds from our warm-up speed, and check both bindings compute the same thing.
        var perRun = TimeZeroCopy(ours, x, xShape, y, yShape, iterations: 20).Median;
        var check = await node.RunAsync(inputPath, xShape, warmup: 20, iterations: 1);
        var maxDiff = y.Zip(check.Output, (a, b) => Math.Abs(a - b)).Max();
        var iterations = (int)Math.Clamp(options.SecondsPerRound * 1e6 / perRun, 10, 5000);

        var zeroCopy = new Samples();
        var allocating = new Samples();
        var official = new Samples();
        for (var round = 0; round < options.Rounds; round++)
        {
            zeroCopy.AddRange(TimeZeroCopy(ours, x, xShape, y, yShape, iterations).Values);
            allocating.AddRange(TimeAllocating(ours, x, xShape, Math.Max(1, iterations / 2)).Values);
            official.AddRange((await node.RunAsync(inputPath, xShape, warmup: 2, iterations)).Samples);
        }

        Print(batch, "ForecastService.Inference (zero-copy Run)", zeroCopy);
        Print(batch, "ForecastService.Inference (ORT-allocated)", allocating);
        Print(batch, $"onnxruntime-node {NodeOrtRunner.PackageVersion}", official);
        var ratio = zeroCopy.Median / official.Median;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"batch {batch,2}: ours/official median ratio = {ratio:0.000} (ours {Samples.Format(zeroCopy.Median)}, official {Samples.Format(official.Median)}; p95 {Samples.Format(zeroCopy.P95)} vs {Samples.Format(official.P95)}); outputs agree to {maxDiff:0.0e+0}");
    }

    private static (double Median, List<double> Values) TimeZeroCopy(OnnxSession session, float[] x, long[] xShape, float[] y, long[] yShape, int iterations)
    {
        var values = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            session.Run([new NamedTensor("X", x, xShape)], [new NamedTensor("Y_h", y, yShape)]);
            values.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        var samples = new Samples();
        samples.AddRange(values);
        return (samples.Median, values);
    }

    private static (double Median, List<double> Values) TimeAllocating(OnnxSession session, float[] x, long[] xShape, int iterations)
    {
        string[] outputs = ["Y_h"];
        var values = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = session.Run([new NamedTensor("X", x, xShape)], outputs);
            values.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        var samples = new Samples();
        samples.AddRange(values);
        return (samples.Median, values);
    }

    private static void Print(int batch, string binding, Samples samples) =>
        Console.WriteLine($"{batch,5}  {binding,-42} {Samples.Format(samples.Median),10} {Samples.Format(samples.P95),10} {Samples.Format(samples.Mean),10} {samples.Count,6}");

    private sealed record Options(int Rounds, double SecondsPerRound, int Threads, int[] Batches)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(Rounds: 5, SecondsPerRound: 0.4, Threads: 1, Batches: [1, 64]);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = args[i + 1];
                options = args[i] switch
                {
                    "--rounds" => options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--seconds" => options with { SecondsPerRound = double.Parse(value, CultureInfo.InvariantCulture) },
                    "--threads" => options with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--batches" => options with { Batches = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() },
                    _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
                };
            }

            return options;
        }
    }
}
