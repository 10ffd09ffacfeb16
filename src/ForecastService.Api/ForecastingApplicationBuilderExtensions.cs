using ForecastService.Api.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The request pipeline and the service's run loop.</summary>
public static class ForecastingApplicationBuilderExtensions
{
    private const int StartupFailedEventId = 4000;

    /// <summary>
    /// Correlation id and one completion event per request outermost, so even a fault is logged with its status;
    /// then problem details for exceptions and for bare error statuses (unknown routes, wrong methods).
    /// </summary>
    public static WebApplication UseForecasting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestLoggingMiddleware>();
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
        var serilog = app.Services.GetRequiredService<Serilog.Core.Logger>();
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException or InvalidOperationException or DllNotFoundException or IOException)
        {
            // The host and its logger factory are disposed by now; the Serilog logger is ours and still writes.
            serilog.ForContext("EventId", StartupFailedEventId).Fatal("ForecastService could not start: {Reason}", Describe(ex));
            return 1;
        }
        finally
        {
            await serilog.DisposeAsync();
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException aggregate => string.Join(" ", aggregate.Flatten().InnerExceptions.Select(Describe)),
        _ => ex.Message,
    };
}
