namespace ForecastService.Api.Errors;

/// <summary>
/// The stable <c>type</c> of every problem the API answers (RFC 9457). Clients switch on these; never change one.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:forecastservice:problem:";

    /// <summary>400: a field is wrong; <c>errors</c> names each field and how to fix it.</summary>
    public const string InvalidRequest = Prefix + "invalid-request";

    /// <summary>400: the body is not JSON, or not the shape of a forecast request.</summary>
    public const string MalformedJson = Prefix + "malformed-json";

    /// <summary>404: no such model, version or route.</summary>
    public const string NotFound = Prefix + "not-found";

    /// <summary>405: the route exists but not for this HTTP method.</summary>
    public const string MethodNotAllowed = Prefix + "method-not-allowed";

    /// <summary>413: the body or the number of series or points is over the configured limit.</summary>
    public const string TooLarge = Prefix + "too-large";

    /// <summary>414: the path and query are longer than <c>Server:MaxRequestTargetBytes</c>.</summary>
    public const string UriTooLong = Prefix + "uri-too-long";

    /// <summary>431: more header lines or bytes than <c>Server:MaxRequestHeaderCount</c> / <c>MaxRequestHeadersTotalBytes</c>.</summary>
    public const string HeadersTooLarge = Prefix + "headers-too-large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";

    /// <summary>401: the endpoint needs an API key in <c>X-Api-Key</c> and none or a wrong one came.</summary>
    public const string Unauthorized = Prefix + "unauthorized";

    /// <summary>429: this client is over its request rate; retry after <c>Retry-After</c> seconds.</summary>
    public const string RateLimited = Prefix + "rate-limited";

    /// <summary>503: the model exists but none of its versions loaded.</summary>
    public const string ModelUnavailable = Prefix + "model-unavailable";

    /// <summary>503: the model's batch queue is full, or too many requests are in flight; retry after the <c>Retry-After</c> header's seconds.</summary>
    public const string Overloaded = Prefix + "overloaded";

    /// <summary>503: this replica holds its maximum of streams (Streaming:MaxStreams); retry after <c>Retry-After</c> seconds.</summary>
    public const string StreamsFull = Prefix + "streams-full";

    /// <summary>410: the model version a stream was warmed on was replaced or removed; re-warm with POST /v1/streams.</summary>
    public const string StreamModelUnloaded = Prefix + "stream-model-unloaded";

    /// <summary>500: ONNX Runtime failed while running the model.</summary>
    public const string ModelRunFailed = Prefix + "model-run-failed";

    /// <summary>500: the model answered NaN or Infinity for input within its range; nothing non-finite is ever sent.</summary>
    public const string ModelOutputInvalid = Prefix + "model-output-invalid";

    /// <summary>500: an unexpected server fault; quote the correlation id when reporting it.</summary>
    public const string Internal = Prefix + "internal";

    /// <summary>Any other status without a more specific type.</summary>
    public const string Http = Prefix + "http";
}
