namespace ForecastService.Core.Analysis;

/// <summary>One validated history for a backtest or an anomaly scan: every value and its timestamp, oldest first.</summary>
/// <param name="Id">The series id from the request (its position when the request gave none).</param>
/// <param name="Values">Every observed value, finite.</param>
/// <param name="Timestamps">One timestamp per value, one step of the model's frequency apart.</param>
public sealed record AnalysisSeries(string Id, double[] Values, DateTimeOffset[] Timestamps)
{
    public int Length => Values.Length;
}
