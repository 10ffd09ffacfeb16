namespace ForecastService.Core.Analysis;

/// <summary>
/// How far an observation lies outside its prediction interval, in interval widths: 0 inside (bounds included),
/// otherwise the distance to the nearer bound divided by (upper − lower). A score of 1 is one whole interval width out.
/// </summary>
public static class IntervalScore
{
    /// <summary>
    /// The width a zero-width interval counts as, relative to max(1, |bound|): a model that is certain still flags a
    /// miss, with a very large but finite score (JSON has no Infinity).
    /// </summary>
    public const double MinimumRelativeWidth = 1e-6;

    public static double Score(double value, double lower, double upper)
    {
        if (value >= lower && value <= upper)
        {
            return 0;
        }

        var width = Math.Max(upper - lower, MinimumRelativeWidth * Math.Max(1, Math.Max(Math.Abs(lower), Math.Abs(upper))));
        var distance = value > upper ? value - upper : lower - value;
        return distance / width;
    }
}
