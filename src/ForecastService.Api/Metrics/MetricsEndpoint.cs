namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps <c>/metrics</c>: OpenTelemetry's Prometheus exporter, in the Prometheus text format.</summary>
public static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The exporter's pipeline behind an ordinary endpoint: its own MapPrometheusScrapingEndpoint has no handler
        // method, so the endpoint would be missing from the OpenAPI document.
        var scrape = app.CreateApplicationBuilder().UseOpenTelemetryPrometheusScrapingEndpoint(static _ => true).Build();
        app.MapGet("/metrics", (Func<HttpContext, Task>)(context => scrape(context)))
            .WithTags("Operations")
            .WithName("Metrics")
            .WithSummary("Prometheus metrics: requests, latency, ONNX Runtime run time and batch size, queue wait, series per request, models, streams, ASP.NET Core, Kestrel and .NET runtime")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }
}
