namespace ForecastService.Api.Metrics;

/// <summary>A Prometheus histogram: cumulative bucket counts, sum and count. Thread-safe.</summary>
internal sealed class Histogram(double[] upperBounds)
{
    private readonly long[] _counts = new long[upperBounds.Length + 1];
    private readonly Lock _gate = new();
    private double _sum;
    private long _count;

    public IReadOnlyList<double> UpperBounds { get; } = upperBounds;

    public void Observe(double value)
    {
        var bucket = Array.BinarySearch(upperBounds, value);
        bucket = bucket >= 0 ? bucket : ~bucket;
        lock (_gate)
        {
            _counts[bucket]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>Cumulative counts per bucket (the last is +Inf), the sum and the count, read together.</summary>
    public (long[] Cumulative, double Sum, long Count) Read()
    {
        var cumulative = new long[_counts.Length];
        lock (_gate)
        {
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }

            return (cumulative, _sum, _count);
        }
    }
}
