namespace ForecastService.Core.Forecasting;

/// <summary>The answer to a forecast call: one forecast per requested series, in request order.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Version">The model version that answered.</param>
/// <param name="ExecutionProvider">Where ONNX Runtime ran the model: <c>CPU</c> or <c>CUDA</c>.</param>
/// <param name="Forecasts">One entry per requested series, in request order.</param>
public sealed record ForecastResponse(string Model, int Version, string ExecutionProvider, IReadOnlyList<SeriesForecast> Forecasts);
