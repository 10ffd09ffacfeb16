using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Security;

/// <summary>
/// Answers an over-long request target (414) or too many or too large headers (431) with a problem, as every other
/// error. Kestrel's own limits sit at <see cref="ServerLimitsOptions.HardLimitFactor"/> times these, because a request
/// Kestrel refuses never reaches the application and gets a bare status without a body.
/// </summary>
internal sealed class RequestHeadLimitsMiddleware(RequestDelegate next, IOptions<ServerLimitsOptions> options)
{
    private readonly ServerLimitsOptions _limits = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Concat(context.Request.Path.Value, context.Request.QueryString.Value);
        if (target.Length > _limits.MaxRequestTargetBytes)
        {
            return SecurityProblems.WriteUriTooLongAsync(context, target.Length, _limits.MaxRequestTargetBytes);
        }

        var lines = 0;
        long bytes = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                lines++;

                // "name: value\r\n", as the bytes arrived.
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (lines > _limits.MaxRequestHeaderCount || bytes > _limits.MaxRequestHeadersTotalBytes)
        {
            return SecurityProblems.WriteHeadersTooLargeAsync(context, lines, bytes, _limits);
        }

        return next(context);
    }
}
