namespace ForecastService.Core.Analysis;

/// <summary>
/// One model run of an analysis: series <paramref name="Series"/> forecast from origin <paramref name="Origin"/>, i.e.
/// the model sees the lookback values just before index <paramref name="Origin"/> and forecasts index Origin onwards.
/// </summary>
public readonly record struct AnalysisWindow(int Series, int Origin);
