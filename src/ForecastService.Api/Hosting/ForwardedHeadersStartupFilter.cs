namespace ForecastService.Api.Hosting;

/// <summary>
/// Puts forwarded-headers handling first in the pipeline, before anything reads the client address, the scheme or
/// the path base, then opens a logging scope with the (forwarded) client address so the request-completion event
/// and everything logged during the request carry <c>ClientAddress</c>.
/// </summary>
/// <remarks>A startup filter keeps Program.cs to one line for this and guarantees the order.</remarks>
internal sealed class ForwardedHeadersStartupFilter(ILoggerFactory loggerFactory) : IStartupFilter
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("ForecastService.Api.Hosting.ClientAddress");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        return app =>
        {
            app.UseForwardedHeaders();
            app.Use(async (context, nextMiddleware) =>
            {
                var clientAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                using (_logger.BeginScope(new Dictionary<string, object> { ["ClientAddress"] = clientAddress }))
                {
                    await nextMiddleware(context).ConfigureAwait(false);
                }
            });
            next(app);
        };
    }
}
