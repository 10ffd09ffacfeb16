namespace ForecastService.Core.Forecasting;

/// <summary>A validated forecast call: what to run and how to shape the answer.</summary>
/// <param name="Horizon">Steps to answer, at most the model's horizon.</param>
/// <param name="Levels">Interval levels to answer, each once, in the order first asked.</param>
/// <param name="Windows">One window per requested series, in request order.</param>
public sealed record ForecastPlan(int Horizon, IReadOnlyList<double> Levels, IReadOnlyList<SeriesWindow> Windows)
{
    public int PointCount { get; init; }
}
