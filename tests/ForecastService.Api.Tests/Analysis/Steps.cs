namespace ForecastService.Api.Tests.Analysis;

/// <summary>Accuracy metrics written out from their definitions, for checking the backtest endpoint against.</summary>
internal static class Steps
{
    public static (double Mase, double Smape, double Mae, double Coverage, double Width) Summarize(IReadOnlyList<Step> steps) => (
        steps.Average(s => Math.Abs(s.Actual - s.Point) / s.Scale),
        steps.Average(s => 200 * Math.Abs(s.Actual - s.Point) / (Math.Abs(s.Actual) + Math.Abs(s.Point))),
        steps.Average(s => Math.Abs(s.Actual - s.Point)),
        steps.Count(s => s.Actual >= s.Lower && s.Actual <= s.Upper) / (double)steps.Count,
        steps.Average(s => s.Upper - s.Lower));

    /// <summary>The <paramref name="p"/> quantile of sorted values, interpolating between order statistics (R's type 7).</summary>
    public static double Quantile(double[] sorted, double p)
    {
        var position = (sorted.Length - 1) * p;
        var below = (int)position;
        return below + 1 < sorted.Length ? sorted[below] + ((position - below) * (sorted[below + 1] - sorted[below])) : sorted[below];
    }

    /// <summary>One scored forecast step.</summary>
    public sealed record Step(double Actual, double Point, double Lower, double Upper, double Scale);
}
