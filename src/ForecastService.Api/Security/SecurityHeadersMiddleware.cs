namespace ForecastService.Api.Security;

/// <summary>
/// Adds the browser hardening headers to every response, error pages included (they are set as the response starts,
/// so a response rewritten by the exception handler still gets them). The API's JSON gets a CSP that forbids
/// everything; Swagger UI needs its own scripts and styles, so it gets a same-origin policy instead. The chart page
/// (<c>/ui</c>) is built for a strict policy: its own script and style files and calls to this origin only, with no
/// inline script or style. No page may be framed, against click-jacking.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string SwaggerPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
    private const string ChartPagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static readonly PathString SwaggerPrefix = "/swagger";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            var headers = ctx.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments(SwaggerPrefix) ? SwaggerPolicy
                : ctx.Request.Path.StartsWithSegments(ChartPageEndpoints.PagePath) ? ChartPagePolicy
                : ApiPolicy;
            headers.Remove("Server");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
