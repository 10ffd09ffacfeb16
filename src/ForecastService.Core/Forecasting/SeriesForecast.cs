namespace ForecastService.Core.Forecasting;

// The columns are slices of the model's ForecastOutput: the median and the interval bounds are the same memory as
// the quantile columns they name (ForecastShaper), so nothing is copied between ONNX Runtime's buffer and the JSON.
// The summary below is the OpenAPI description, so this note stays out of it.
/// <summary>The forecast of one series.</summary>
/// <param name="Id">The series id from the request.</param>
/// <param name="Timestamps">The forecast timestamps, one step apart at the model's frequency, in the offset of the last observation.</param>
/// <param name="Median">The 0.5 quantile at each timestamp.</param>
/// <param name="Quantiles">Every quantile the model gives, keyed by its level (e.g. <c>"0.1"</c>).</param>
/// <param name="Intervals">The requested central prediction intervals.</param>
public sealed record SeriesForecast(
    string Id,
    IReadOnlyList<string> Timestamps,
    ReadOnlyMemory<float> Median,
    IReadOnlyDictionary<string, ReadOnlyMemory<float>> Quantiles,
    IReadOnlyList<PredictionInterval> Intervals);
