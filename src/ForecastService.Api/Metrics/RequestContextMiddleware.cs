using System.Diagnostics;
using ForecastService.Api.Logging;
using ForecastService.Api.Tracing;

namespace ForecastService.Api.Metrics;

/// <summary>
/// Gives each request its correlation id (also on the request's span, so a trace and the log events of a request
/// find each other) and its <see cref="ForecastRequestInfo"/>, and records the request's metrics once it completes.
/// The completion log event is Serilog's (<see cref="RequestCompletionLogging"/>), which runs outside this.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, ServiceMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = CorrelationId.From(context);
        context.TraceIdentifier = correlationId;
        Activity.Current?.SetTag(ForecastTracing.CorrelationIdAttribute, correlationId);
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            ctx.Response.Headers[CorrelationId.HeaderName] = ctx.TraceIdentifier;
            return Task.CompletedTask;
        }, context);

        var info = new ForecastRequestInfo();
        context.Features.Set(info);
        var started = time.GetTimestamp();
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            var status = completed ? ResponseStatus.Of(context) : StatusCodes.Status500InternalServerError;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.RecordRequest(route, info.Model, info.Version, status, time.GetElapsedTime(started), info.SeriesCount);
        }
    }
}
