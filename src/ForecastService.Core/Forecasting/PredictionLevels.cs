namespace ForecastService.Core.Forecasting;

/// <summary>
/// Maps central interval levels to quantile pairs: level 80 is the band between quantiles 0.1 and 0.9, level 95 the one
/// between 0.025 and 0.975. A level is available when the model gives both of its quantiles.
/// </summary>
public static class PredictionLevels
{
    private const double Tolerance = 1e-6;

    /// <summary>The lower and upper quantile of a level given in percent (0 &lt; level &lt; 100).</summary>
    public static (double Lower, double Upper) QuantilesOf(double level)
    {
        var lower = (1 - (level / 100)) / 2;
        return (lower, 1 - lower);
    }

    /// <summary>The levels (percent) whose two quantiles are both among <paramref name="quantiles"/>, ascending.</summary>
    public static IEnumerable<double> Available(IReadOnlyList<double> quantiles)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        var levels = new List<double>();
        foreach (var lower in quantiles)
        {
            if (lower >= 0.5 || !quantiles.Any(q => Math.Abs(q - (1 - lower)) < Tolerance))
            {
                continue;
            }

            // Rounded to 1e-6 so 0.1/0.9 reads as 80 rather than 79.99999999999999.
            levels.Add(Math.Round((1 - (2 * lower)) * 100, 6));
        }

        levels.Sort();
        return levels;
    }

    /// <summary>True when <paramref name="level"/> is (within rounding) one of <paramref name="available"/>.</summary>
    public static bool IsAvailable(double level, IReadOnlyList<double> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        return available.Any(a => Math.Abs(a - level) < Tolerance);
    }
}
