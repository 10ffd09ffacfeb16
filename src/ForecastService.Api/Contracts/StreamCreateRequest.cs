namespace ForecastService.Api.Contracts;

/// <summary>The body of <c>POST /v1/streams</c>: warms a stream on at least the model's lookback of recent points.</summary>
public sealed record StreamCreateRequest
{
    /// <summary>The model to stream with; it must support streaming (see <c>streaming</c> in GET /v1/models/{name}).</summary>
    /// <example>sensor-river</example>
    public string? Model { get; init; }

    /// <summary>The model version; omit it (or send null) for the serving version.</summary>
    public int? Version { get; init; }

    /// <summary>
    /// Your id for the stream: 1 to 128 characters of <c>A-Z a-z 0-9 . _ ~ -</c>, not <c>.</c> or <c>..</c>; later
    /// calls use it as it is in the path (<c>Location</c> of the answer). Warming
    /// an id that exists replaces that stream. Behind the gateway, send it in the <c>X-Stream-Id</c> header too.
    /// </summary>
    /// <example>pump-3</example>
    public string? Id { get; init; }

    /// <summary>ISO-8601 timestamps, one per value, ascending, one step of the model's frequency apart.</summary>
    public string[]? Timestamps { get; init; }

    /// <summary>At least the model's lookback of observations, oldest first; the last lookback are used.</summary>
    public double?[]? Values { get; init; }
}
