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

    public static Task WriteUriTooLongAsync(HttpContext context, int length, int limit) =>
        WriteAsync(context, StatusCodes.Status414UriTooLong, ProblemTypes.UriTooLong, "Request target too long", $"The path and query are {length} bytes; at most {limit} are allowed (Server:MaxRequestTargetBytes). Send large inputs in a JSON body.");

    public static Task WriteHeadersTooLargeAsync(HttpContext context, int lines, long bytes, ServerLimitsOptions limits) =>
        WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, ProblemTypes.HeadersTooLarge, "Request headers too large", $"The request has {lines} header lines of {bytes} bytes in all; at most {limits.MaxRequestHeaderCount} lines (Server:MaxRequestHeaderCount) and {limits.MaxRequestHeadersTotalBytes} bytes (Server:MaxRequestHeadersTotalBytes) are allowed.");

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
