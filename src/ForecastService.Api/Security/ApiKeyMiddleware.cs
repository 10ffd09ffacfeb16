using ForecastService.Api.Logging;
namespace ForecastService.Api.Security;

/// <summary>
/// Puts the forecast API (<c>/v1/...</c>) behind <c>X-Api-Key</c> when <c>Security:ApiKey:Enabled</c> is on. Health,
/// metrics and Swagger stay open: probes and scrapers run without the key.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, [FromKeyedServices(ApiKeyOptions.Forecast)] ApiKeyAuthenticator authenticator, ILogger<ApiKeyMiddleware> logger)
{
    public static readonly PathString ProtectedPrefix = "/v1";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ProtectedPrefix) || authenticator.IsAuthorized(context.Request))
        {
            return next(context);
        }

        Log.ApiKeyRejected(logger, context.Request.Method, LogText.PathOf(context.Request), context.Connection.RemoteIpAddress?.ToString() ?? "unknown", context.TraceIdentifier);
        return SecurityProblems.WriteUnauthorizedAsync(context);
    }
}
