namespace ForecastService.Core.Analysis;

/// <summary>A validated anomaly scan.</summary>
/// <param name="Level">The interval level to check against.</param>
/// <param name="Step">How far ahead each check forecasts.</param>
/// <param name="Series">The histories, in request order.</param>
/// <param name="ModelWindows">One window per checked observation t, with origin t − step + 1; series by series, oldest first.</param>
public sealed record AnomalyPlan(double Level, int Step, IReadOnlyList<AnalysisSeries> Series, IReadOnlyList<AnalysisWindow> ModelWindows);
