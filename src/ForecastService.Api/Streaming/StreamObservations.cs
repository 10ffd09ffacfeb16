namespace ForecastService.Api.Streaming;

/// <summary>Validated new points of one observations call.</summary>
/// <param name="Values">The new values, oldest first.</param>
/// <param name="Timestamps">Their timestamps, continuing the stream one step at a time.</param>
/// <param name="Future">The model's horizon of timestamps after the last new one.</param>
internal sealed record StreamObservations(float[] Values, DateTimeOffset[] Timestamps, DateTimeOffset[] Future);
