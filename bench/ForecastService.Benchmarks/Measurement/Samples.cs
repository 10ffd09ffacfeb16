using System.Globalization;

namespace ForecastService.Benchmarks.Measurement;

/// <summary>Per-call timings in microseconds, with order statistics.</summary>
internal sealed class Samples
{
    private readonly List<double> _microseconds = [];

    public int Count => _microseconds.Count;

    public double Median => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Mean => _microseconds.Average();

    public void Add(double microseconds) => _microseconds.Add(microseconds);

    public void AddRange(IEnumerable<double> microseconds) => _microseconds.AddRange(microseconds);

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p)
    {
        if (_microseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _microseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Format(double microseconds) =>
        microseconds >= 1000
            ? (microseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
            : microseconds.ToString("0.0", CultureInfo.InvariantCulture) + " µs";
}
