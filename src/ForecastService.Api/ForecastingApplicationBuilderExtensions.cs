using ForecastService.Api.Logging;
using ForecastService.Api.Metrics;
using Microsoft.Extensions.Options;
using Serilog;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The request pipeline and the service's run loop.</summary>
public static class ForecastingApplicationBuilderExtensions
{
    /// <summary>
    /// One completion event per request outermost, so even a fault is logged with its status; then the correlation id
    /// and request metrics; then problem details for exceptions and for bare error statuses (unknown routes, wrong methods).
    /// </summary>
    public static WebApplication UseForecasting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options => RequestCompletionLogging.Configure(options, logger));
        app.UseMiddleware<RequestContextMiddleware>();
        // Our handler logs each fault once without a stack trace. .NET 10 already skips the middleware's own error event
        // when a handler answers; suppressing it always keeps stack traces out even when writing the problem fails.
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = static _ => true });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Runs until shutdown; invalid configuration or a failed start is logged naming the cause and gives exit code 1.</summary>
    public static async Task<int> RunForecastServiceAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ForecastService.Api.Hosting");
        try
        {
            // Started and stopped here rather than by RunAsync, which disposes the host (and its logger) before a
            // failed start could be logged.
            await app.StartAsync();
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException or InvalidOperationException or DllNotFoundException or IOException)
        {
            ForecastService.Api.Log.StartupFailed(logger, Describe(ex));
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException aggregate => string.Join(" ", aggregate.Flatten().InnerExceptions.Select(Describe)),
        _ => ex.Message,
    };
}
