using ForecastService.Api.Endpoints;
using ForecastService.Api.Logging;
using ForecastService.Api.Models;
using ForecastService.Api.Security;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Operator endpoints under <c>/admin</c>. They exist only when <c>Security:Admin:Enabled</c> is on (off by default,
/// so a default deployment has no endpoint that changes what is served), and every call needs the admin key.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var authenticator = app.ServiceProvider.GetRequiredKeyedService<ApiKeyAuthenticator>(ApiKeyOptions.Admin);
        if (!authenticator.IsEnabled)
        {
            return app;
        }

        app.MapGroup("/admin").WithTags("Admin")
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                if (authenticator.IsAuthorized(http.Request))
                {
                    return await next(context);
                }

                var logger = http.RequestServices.GetRequiredService<ILogger<ApiKeyAuthenticator>>();
                ForecastService.Api.Log.ApiKeyRejected(logger, http.Request.Method, LogText.PathOf(http.Request), http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.TraceIdentifier);
                await SecurityProblems.WriteUnauthorizedAsync(http);
                return Results.Empty;
            })
            .MapPost("/models/reload", ReloadAsync).WithName("ReloadModels")
            .WithSummary("Rescan the model repository now instead of at the next poll (admin key required)")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    /// <summary>Rescans the repository and answers every version's state, as the readiness report lists them.</summary>
    private static async Task<IResult> ReloadAsync(ModelRepository repository, CancellationToken cancellationToken)
    {
        await repository.ScanAsync(cancellationToken);
        return TypedResults.Ok(ModelViews.States(repository.Catalog).ToArray());
    }
}
