namespace ForecastService.Core.Evaluation;

/// <summary>Sample quantiles by linear interpolation between order statistics (Hyndman and Fan type 7, R's default).</summary>
public static class EmpiricalQuantile
{
    /// <summary>
    /// The <paramref name="level"/> quantile of <paramref name="sample"/>, which this method sorts in place.
    /// </summary>
    /// <exception cref="ArgumentException">The sample is empty or the level lies outside [0, 1].</exception>
    public static double OfUnsorted(Span<double> sample, double level)
    {
        if (sample.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", nameof(sample));
        }

        if (level is < 0 or > 1 || double.IsNaN(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A quantile level lies in [0, 1].");
        }

        sample.Sort();
        var position = (sample.Length - 1) * level;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sample.Length - 1);
        var fraction = position - below;
        return sample[below] + (fraction * (sample[above] - sample[below]));
    }
}
