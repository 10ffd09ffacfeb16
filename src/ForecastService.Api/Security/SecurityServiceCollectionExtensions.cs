using System.Threading.RateLimiting;
using ForecastService.Api.Logging;
using ForecastService.Api.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the security layer: API keys, rate and concurrency limits, CORS and Kestrel's slow-client guards.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>Binds and validates the security options and configures the services that enforce them.</summary>
    public static IServiceCollection AddForecastSecurity(this IServiceCollection services)
    {
        foreach (var name in new[] { ApiKeyOptions.Forecast, ApiKeyOptions.Admin })
        {
            services.AddOptions<ApiKeyOptions>(name).BindConfiguration(name).ValidateOnStart();
            services.AddKeyedSingleton(name, (sp, _) => new ApiKeyAuthenticator(sp.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().Get(name)));
        }

        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServerLimitsOptions>().BindConfiguration(ServerLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsSettings>, CorsSettingsValidator>();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerLimitsOptions>>((kestrel, options) =>
        {
            var limits = options.Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, limits.MinRequestBodyGracePeriod);

            // Above the service's own limits, so requests between them reach RequestHeadLimitsMiddleware and get a
            // problem; Kestrel answers only what is past these, with a bare status (README, Security).
            const int factor = ServerLimitsOptions.HardLimitFactor;
            kestrel.Limits.MaxRequestLineSize = (factor * limits.MaxRequestTargetBytes) + 64;
            kestrel.Limits.MaxRequestHeaderCount = factor * limits.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = factor * limits.MaxRequestHeadersTotalBytes;
        });

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) =>
            cors.AddPolicy(CorsSettings.PolicyName, policy => policy
                .WithOrigins([.. settings.Value.AllowedOrigins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("Content-Type", ApiKeyOptions.HeaderName, "X-Correlation-Id")
                .WithExposedHeaders("X-Correlation-Id", "Retry-After")));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, options) => Configure(limiter, options.Value));
        return services;
    }

    private const string ForwardedForHeader = "X-Forwarded-For";
    private const string OriginalForHeader = "X-Original-For";

    private static void Configure(RateLimiterOptions limiter, RateLimitingOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        var untrustedProxyReported = 0;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            // Only the forecast API is limited; the partition is the client's address (the real one behind the gateway,
            // once forwarded headers from the trusted proxy are applied).
            if (!options.Enabled || !context.Request.Path.StartsWithSegments(ApiKeyMiddleware.ProtectedPrefix))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            // X-Forwarded-For without X-Original-For was not applied: it came through a proxy the service does not
            // trust, so every caller behind it shares one partition: say so once instead of silently throttling the whole gateway.
            if (context.Request.Headers.ContainsKey(ForwardedForHeader) && !context.Request.Headers.ContainsKey(OriginalForHeader) && Interlocked.Exchange(ref untrustedProxyReported, 1) == 0)
            {
                var logger = context.RequestServices.GetRequiredService<ILogger<RateLimitingOptions>>();
                ForecastService.Api.Log.UntrustedProxy(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", options.PermitLimit);
            }

            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.PermitLimit,
                Window = options.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILogger<RateLimitingOptions>>();
            ForecastService.Api.Log.RateLimited(logger, context.HttpContext.Request.Method, LogText.PathOf(context.HttpContext.Request), context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", context.HttpContext.TraceIdentifier);
            return new ValueTask(SecurityProblems.WriteRateLimitedAsync(context.HttpContext, retryAfter));
        };
    }
}
