using System.Globalization;
using ForecastService.Api.Errors;
using Microsoft.AspNetCore.Mvc;

namespace ForecastService.Api.Security;

/// <summary>The problem responses the security layer answers with, written through the service's problem details.</summary>
internal static class SecurityProblems
{
    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyOptions.HeaderName}\"";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "API key required", $"Send a valid key in the {ApiKeyOptions.HeaderName} header.");
    }

    public static Task WriteRateLimitedAsync(HttpContext context, TimeSpan retryAfter)
    {
        SetRetryAfter(context, retryAfter);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many requests", $"This client is over its request rate (RateLimiting:PermitLimit per RateLimiting:Window). Retry after {Seconds(retryAfter)} s.");
    }

    public static Task WriteOverloadedAsync(HttpContext context, TimeSpan retryAfter)
    {
        SetRetryAfter(context, retryAfter);
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ProblemTypes.Overloaded, "Server busy", $"Too many requests are in flight (RateLimiting:MaxConcurrentRequests and QueueLimit). Retry after {Seconds(retryAfter)} s.");
    }

    private static void SetRetryAfter(HttpContext context, TimeSpan retryAfter) =>
        context.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);

    // Retry-After is whole seconds (RFC 9110); never 0, which would invite an immediate retry storm.
    private static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    private static async Task WriteAsync(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
        });
    }
}
