namespace ForecastService.Core.Analysis;

/// <summary>A validated backtest: what to run and how to score it.</summary>
/// <param name="Horizon">Steps scored after each origin.</param>
/// <param name="Windows">Origins per series.</param>
/// <param name="Step">Steps between origins.</param>
/// <param name="Level">The interval level scored; null when the model has no interval.</param>
/// <param name="Seasonality">Season length of seasonal naive and MASE.</param>
/// <param name="Series">The histories, in request order.</param>
/// <param name="ModelWindows">Every (series, origin) the model runs, series by series, origins ascending.</param>
public sealed record BacktestPlan(
    int Horizon,
    int Windows,
    int Step,
    double? Level,
    int Seasonality,
    IReadOnlyList<AnalysisSeries> Series,
    IReadOnlyList<AnalysisWindow> ModelWindows);
