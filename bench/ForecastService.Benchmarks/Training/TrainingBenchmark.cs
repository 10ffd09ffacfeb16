using System.Globalization;
using System.Runtime.InteropServices;
using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Benchmarks.Training;

/// <summary>
/// Throughput of full training steps (forward, backpropagation through time, clipping, Adam) through the public
/// <see cref="NetworkTrainer.Fit"/>, in windows per second and achieved GFLOP/s, next to this machine's FMA peak
/// measured in the same process. Training and peak rounds alternate so that drift on a shared machine hits both.
/// </summary>
internal sealed class TrainingBenchmark : IBenchmark
{
    private static readonly float[] Quantiles = [0.05f, 0.1f, 0.25f, 0.5f, 0.75f, 0.9f, 0.95f];

    public string Name => "training";

    public string Description =>
        "Training steps of the energy configurations (LSTM, lookback 336, horizon 48, batch 64) vs FMA peak. Options: --rounds N (3), --windows N per round (512), --threads N (0 = all), --lookback N (336)";

    public Task<int> RunAsync(string[] args)
    {
        var rounds = Option(args, "--rounds", 3);
        var windows = Option(args, "--windows", 512);
        var threads = Option(args, "--threads", 0);
        var lookback = Option(args, "--lookback", 336);
        var workers = threads == 0 ? Environment.ProcessorCount : threads;
        const int Horizon = 48;
        const int Covariates = 4;
        (string Name, NetworkConfig Config)[] presets =
        [
            ("energy 2x64 (issue brief)", new NetworkConfig(CellType.Lstm, 2, 64, 0.1f, lookback, Horizon, Covariates, Quantiles)),
            ("energy-load 1x32 (committed config)", new NetworkConfig(CellType.Lstm, 1, 32, 0.1f, lookback, Horizon, Covariates, Quantiles)),
        ];

        Console.WriteLine($"training: LSTM, lookback {lookback}, horizon {Horizon}, {Covariates} covariates, {Quantiles.Length} quantiles, batch 64, {workers} thread(s), {windows} windows x {rounds} rounds");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, AVX2 {System.Runtime.Intrinsics.X86.Avx2.IsSupported}, AVX-512F {System.Runtime.Intrinsics.X86.Avx512F.IsSupported}");
        Console.WriteLine("FLOPs count matrix products only (forward + backward); the peak is 12 chains of 256-bit FMAs per thread.");
        Console.WriteLine();
        var data = Windows(windows, lookback, Horizon, Covariates);
        var empty = data.Slice(0, 0);
        foreach (var (name, config) in presets)
        {
            var options = new TrainingOptions(1, 64, 1e-3f, 1e-4f, 1f, 0, Seed: 1, Threads: threads);
            NetworkTrainer.Fit(config, data.Slice(0, Math.Min(128, windows)), empty, options); // JIT and tiering warm-up
            var perWindow = TrainingFlops.PerWindow(config);
            var rates = new List<double>();
            var peaks = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var fit = NetworkTrainer.Fit(config, data, empty, options);
                rates.Add(windows / fit.Duration.TotalSeconds);
                peaks.Add(PeakFlops.Measure(workers, 1.0));
            }

            var rate = Median(rates);
            var achieved = rate * perWindow / 1e9;
            var peak = Median(peaks);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-38} {rate,8:F0} windows/s  {perWindow / 1e6,6:F1} MFLOP/window  {achieved,6:F1} GFLOP/s  peak {peak,6:F1} GFLOP/s  ratio {achieved / peak,6:P1}"));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{string.Empty,-38} rounds: {string.Join(", ", rates.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))} windows/s; peaks {string.Join(", ", peaks.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)))}"));
        }

        return Task.FromResult(0);
    }

    private static WindowSet Windows(int count, int lookback, int horizon, int covariates)
    {
        // Values do not change the work done; a seeded random walk keeps activations in their usual range.
        var rng = new Random(7);
        var values = new float[count * lookback];
        var targets = new float[count * horizon];
        var past = new float[count * lookback * covariates];
        var future = new float[count * horizon * covariates];
        for (var i = 0; i < count; i++)
        {
            var level = 100f;
            for (var t = 0; t < lookback + horizon; t++)
            {
                level += (float)(rng.NextDouble() - 0.5);
                if (t < lookback)
                {
                    values[(i * lookback) + t] = level;
                }
                else
                {
                    targets[(i * horizon) + t - lookback] = level;
                }
            }
        }

        for (var i = 0; i < past.Length; i++)
        {
            past[i] = MathF.Sin(i * 0.1f);
        }

        for (var i = 0; i < future.Length; i++)
        {
            future[i] = MathF.Cos(i * 0.1f);
        }

        return new WindowSet(count, lookback, horizon, covariates, values, past, future, targets, new int[count]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
