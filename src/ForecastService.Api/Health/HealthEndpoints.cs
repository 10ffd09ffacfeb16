using ForecastService.Api.Contracts;
using ForecastService.Api.Endpoints;
using ForecastService.Api.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Liveness and readiness, mapped in every environment because the orchestrator and the gateway probe them
/// (eShop maps them in Development only; we do not, on purpose).
/// </summary>
public static class HealthEndpoints
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var health = app.MapGroup("/health").WithTags("Operations");
        health.MapGet("/live", Live).WithName("Live").WithSummary("200 while the process runs");
        health.MapGet("/ready", Ready).WithName("Ready").WithSummary("200 when the repository has loaded and a model serves (503 otherwise); lists each model version's state");
        return app;
    }

    private static async Task<Ok<string>> Live(HealthCheckService health, CancellationToken cancellationToken)
    {
        await health.CheckHealthAsync(r => r.Tags.Contains(LiveTag), cancellationToken);
        return TypedResults.Ok("Healthy");
    }

    private static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>>> Ready(HealthCheckService health, ModelRepository repository, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), cancellationToken);
        var body = new ReadinessReport(report.Status.ToString(), [.. ModelViews.States(repository.Catalog)]);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
