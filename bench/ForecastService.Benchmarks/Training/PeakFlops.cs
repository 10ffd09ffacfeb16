using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ForecastService.Benchmarks.Training;

/// <summary>
/// This machine's practical single-precision peak: every thread runs 12 independent chains of 256-bit fused
/// multiply-adds (enough to cover FMA latency on both FMA pipes of current x86 cores), 16 FLOP per FMA.
/// </summary>
internal static class PeakFlops
{
    private const int Chains = 12;
    private const long Chunk = 1 << 20;

    /// <summary>GFLOP/s of <paramref name="threads"/> threads spinning FMAs for about <paramref name="seconds"/>.</summary>
    public static double Measure(int threads, double seconds)
    {
        Run(1000);
        var iterations = new long[threads];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                Sink = Run(Chunk);
                iterations[t] += Chunk;
            }
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        return iterations.Sum() * Chains * Vector256<float>.Count * 2.0 / elapsed / 1e9;
    }

    // Keeps the JIT from discarding the chains.
    private static float Sink { get; set; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run(long iterations)
    {
        var m = Vector256.Create(0.9999f);
        var a = Vector256.Create(1e-4f);
        Vector256<float> c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a);
            c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a);
            c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a);
            c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a);
            c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a);
            c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a);
            c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
