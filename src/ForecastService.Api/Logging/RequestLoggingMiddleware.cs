using ForecastService.Api.Metrics;

namespace ForecastService.Api.Logging;

/// <summary>
/// Sets the correlation id and writes one completion event and one metrics sample per request: method, path, client
/// address, status, elapsed time, and the model, version and series count the endpoint recorded. The idea of
/// Serilog.AspNetCore's request logging, rebuilt on ILogger.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger, ServiceMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = CorrelationId.From(context);
        context.TraceIdentifier = correlationId;
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            ctx.Response.Headers[CorrelationId.HeaderName] = ctx.TraceIdentifier;
            return Task.CompletedTask;
        }, context);

        var info = new ForecastRequestInfo();
        context.Features.Set(info);
        var started = time.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            // Client gone before an answer: report 499 as nginx does, rather than a misleading 200.
            if (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                status = 499;
            }

            var elapsed = time.GetElapsedTime(started);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.RecordRequest(route, info.Model, info.Version, status, elapsed, info.SeriesCount);
            // The client as the gateway saw it: forwarded headers from trusted proxies are applied before this runs.
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            Log.RequestCompleted(logger, context.Request.Method, LogText.PathOf(context.Request), client, status, elapsed.TotalMilliseconds, info.Model, info.Version, info.SeriesCount, correlationId);
        }
    }
}
