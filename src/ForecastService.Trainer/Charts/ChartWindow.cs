namespace ForecastService.Trainer.Charts;

/// <summary>One panel of the forecast chart: recent history, the actual future and the forecast quantiles [H, Q].</summary>
internal sealed record ChartWindow(
    string Title,
    IReadOnlyList<DateTimeOffset> HistoryTimes,
    IReadOnlyList<double> History,
    IReadOnlyList<DateTimeOffset> FutureTimes,
    IReadOnlyList<double> Actual,
    IReadOnlyList<float> Quantiles);
