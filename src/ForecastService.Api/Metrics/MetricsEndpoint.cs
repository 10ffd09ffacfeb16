using ForecastService.Api.Metrics;
using ForecastService.Api.Models;
using ForecastService.Api.Streaming;
using ForecastService.Onnx;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps <c>/metrics</c> in the Prometheus text format.</summary>
public static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/metrics", Scrape).WithTags("Operations").WithName("Metrics").WithSummary("Prometheus metrics: requests, latency, ONNX Runtime run time, series per request, models, streams")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }

    private static IResult Scrape(ServiceMetrics metrics, ModelRepository repository, StreamStore streams) =>
        Results.Text(metrics.Write(repository.Catalog, OnnxRuntime.Version) + streams.Metrics, PrometheusTextWriter.ContentType);
}
