using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;

namespace ForecastService.Api.Logging;

/// <summary>
/// Serilog.AspNetCore's one completion event per request, shaped as the service promises (event 1000): method, the
/// escaped path, client address, status (499 when the client left), elapsed time, and from <see cref="IDiagnosticContext"/>
/// the model, version, horizon, execution provider, series count and correlation id. Serilog adds the trace and span id.
/// </summary>
internal static class RequestCompletionLogging
{
    public const int EventId = 1000;
    public const string EventName = "RequestCompleted";

    private const string Template =
        "HTTP {Method} {Path} from {ClientAddress} responded {StatusCode} in {ElapsedMs:0.000} ms (model {Model} v{ModelVersion}, {SeriesCount} series, correlation {CorrelationId})";

    private static readonly LogEventProperty EventIdProperty = new(
        "EventId", new StructureValue([new LogEventProperty("Id", new ScalarValue(EventId)), new LogEventProperty("Name", new ScalarValue(EventName))]));

    public static void Configure(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        // Through the host's own logger: the default is the process-wide Log.Logger, which this service leaves alone.
        options.Logger = logger;
        options.MessageTemplate = Template;
        options.GetMessageTemplateProperties = static (context, _, elapsedMs, statusCode) =>
        [
            EventIdProperty,
            new LogEventProperty("Method", new ScalarValue(context.Request.Method)),
            new LogEventProperty("Path", new ScalarValue(LogText.PathOf(context.Request))),
            new LogEventProperty("StatusCode", new ScalarValue(statusCode == StatusCodes.Status500InternalServerError ? statusCode : ResponseStatus.Of(context))),
            new LogEventProperty("ElapsedMs", new ScalarValue(elapsedMs)),
        ];
        options.EnrichDiagnosticContext = Enrich;
    }

    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        var info = context.Features.Get<ForecastRequestInfo>();

        // The client as the gateway saw it: forwarded headers from trusted proxies are applied before this runs.
        diagnostics.Set("ClientAddress", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        diagnostics.Set("Model", info?.Model);
        diagnostics.Set("ModelVersion", info?.Version);
        diagnostics.Set("Horizon", info?.Horizon);
        diagnostics.Set("ExecutionProvider", info?.ExecutionProvider);
        diagnostics.Set("SeriesCount", info?.SeriesCount ?? 0);
        diagnostics.Set("CorrelationId", context.TraceIdentifier);
    }
}
