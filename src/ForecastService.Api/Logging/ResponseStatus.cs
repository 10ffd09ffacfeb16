namespace ForecastService.Api.Logging;

/// <summary>The status a finished request is reported with, in its log event and its metrics.</summary>
internal static class ResponseStatus
{
    /// <summary>Client closed the request, as nginx reports it.</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>The response's status, or 499 when the client left before an answer rather than a misleading 200.</summary>
    public static int Of(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? ClientClosedRequest : context.Response.StatusCode;
}
