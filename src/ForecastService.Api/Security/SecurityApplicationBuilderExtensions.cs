using ForecastService.Api.Security;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The security part of the request pipeline; goes right after <c>UseForecasting</c>, so rejections are logged with a correlation id.</summary>
public static class SecurityApplicationBuilderExtensions
{
    /// <summary>
    /// Security headers on every response; the request target and header limits (414, 431); then CORS (only when origins are configured), the per-client rate limit,
    /// the in-flight cap and the forecast API key. Cheap checks that refuse a request run before anything reads its body.
    /// </summary>
    public static WebApplication UseForecastSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Resolved now so a missing or short key stops the start here, naming the setting, not at the first request.
        _ = app.Services.GetRequiredKeyedService<ApiKeyAuthenticator>(ApiKeyOptions.Forecast);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestHeadLimitsMiddleware>();
        if (app.Services.GetRequiredService<IOptions<CorsSettings>>().Value.AllowedOrigins.Count > 0)
        {
            app.UseCors(CorsSettings.PolicyName);
        }

        if (app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        app.UseMiddleware<ConcurrencyLimitMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        return app;
    }
}
