using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Contracts;

/// <summary>A stream as the API shows it: where it stands and its latest forecast.</summary>
/// <param name="Id">The stream's id.</param>
/// <param name="Model">The model it was warmed on.</param>
/// <param name="Version">The model version it was warmed on; it stays on that version until re-warmed.</param>
/// <param name="ExecutionProvider">Where ONNX Runtime runs its step model: <c>CPU</c> or <c>CUDA</c>.</param>
/// <param name="LastTimestamp">The timestamp of the last observation; the next one must be one step after it.</param>
/// <param name="Points">Observations the model has run since warming, the warm-up window included.</param>
/// <param name="ScaleMean">The frozen scaling's mean (of the warm-up window).</param>
/// <param name="ScaleSpread">The frozen scaling's spread (of the warm-up window).</param>
/// <param name="ExpiresAt">When the stream is dropped unless it receives another call (<c>Streaming:IdleTimeout</c>).</param>
/// <param name="Forecast">The forecast of the model's horizon after <paramref name="LastTimestamp"/>.</param>
public sealed record StreamResponse(
    string Id,
    string Model,
    int Version,
    string ExecutionProvider,
    string LastTimestamp,
    long Points,
    float ScaleMean,
    float ScaleSpread,
    DateTimeOffset ExpiresAt,
    SeriesForecast Forecast);
