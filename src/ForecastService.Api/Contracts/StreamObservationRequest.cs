namespace ForecastService.Api.Contracts;

/// <summary>The body of <c>POST /v1/streams/{id}/observations</c>: the points that arrived since the last call.</summary>
public sealed record StreamObservationRequest
{
    /// <summary>
    /// ISO-8601 timestamps, one per value, ascending; the first is exactly one step of the model's frequency after
    /// the stream's <c>lastTimestamp</c>.
    /// </summary>
    public string[]? Timestamps { get; init; }

    /// <summary>The new observations, oldest first: 1 to <c>Streaming:MaxPointsPerObservation</c> finite numbers.</summary>
    public double?[]? Values { get; init; }
}
