namespace ForecastService.Core.Analysis;

/// <summary>The answer to a backtest: per-series and overall accuracy of the model and of seasonal naive.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Version">The model version that ran.</param>
/// <param name="Horizon">Steps scored after each origin.</param>
/// <param name="Windows">Origins per series.</param>
/// <param name="Step">Steps between origins.</param>
/// <param name="Level">The interval level of coverage and width; null when the model gives no interval.</param>
/// <param name="Seasonality">The season length of seasonal naive and of MASE's scale (the model card's).</param>
/// <param name="Series">One entry per requested series, in request order.</param>
/// <param name="Overall">Every window of every series, each forecast step weighing the same.</param>
public sealed record BacktestResponse(
    string Model,
    int Version,
    int Horizon,
    int Windows,
    int Step,
    double? Level,
    int Seasonality,
    IReadOnlyList<SeriesBacktest> Series,
    BacktestComparison Overall);
