using ForecastService.Api.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForecastService.Api.Health;

/// <summary>Ready when the repository's first scan has finished and at least one model serves.</summary>
internal sealed class ModelRepositoryHealthCheck(ModelRepository repository) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var catalog = repository.Catalog;
        var serving = catalog.Models.Count(m => m.Serving is not null);
        var result = !catalog.IsLoaded
            ? HealthCheckResult.Unhealthy("The model repository is still loading.")
            : serving == 0
                ? HealthCheckResult.Unhealthy($"No model serves from {repository.Root}.")
                : HealthCheckResult.Healthy($"{serving} of {catalog.Models.Count} models serve.");
        return Task.FromResult(result);
    }
}
