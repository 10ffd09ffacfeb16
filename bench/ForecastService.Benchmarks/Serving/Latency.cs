using System.Diagnostics;

namespace ForecastService.Benchmarks.Serving;

/// <summary>Latency percentiles in milliseconds (nearest rank).</summary>
internal sealed record Latency(double P50, double P99, double P999)
{
    public static Latency FromTicks(List<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new Latency(double.NaN, double.NaN, double.NaN);
        }

        ticks.Sort();
        double At(double p) => ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Count) - 1, 0, ticks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
        return new Latency(At(0.50), At(0.99), At(0.999));
    }
}
