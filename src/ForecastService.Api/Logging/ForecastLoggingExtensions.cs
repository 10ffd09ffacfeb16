using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Microsoft.Extensions.Hosting;

/// <summary>Serilog through Serilog.AspNetCore, configured from the <c>Serilog</c> section.</summary>
public static class ForecastLoggingExtensions
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces the logging providers with Serilog configured from the <c>Serilog</c> section (levels, enrichers,
    /// extra sinks such as a file) and from sinks registered in the container, plus a console sink: text by default,
    /// compact JSON (one object per event, with <c>@tr</c>/<c>@sp</c> trace and span ids) when <c>Serilog:Format</c>
    /// is <c>json</c> (containers).
    /// </summary>
    public static IHostApplicationBuilder AddForecastLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                // Read when the container builds the logger, so settings added after this call (tests) count too.
                var configuration = services.GetRequiredService<IConfiguration>();

                // Defaults first, so the service is quiet even without appsettings.json (run from another folder);
                // the Serilog section overrides them.
                logger.MinimumLevel.Information()
                    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                    .ReadFrom.Configuration(configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext();
                if (string.Equals(configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase))
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }
            },
            // Each host owns its logger and never touches the process-wide Log.Logger: test hosts run side by side.
            preserveStaticLogger: true,
            // Logger providers registered in the container (a test's capture, an OpenTelemetry log exporter) still
            // receive every event, after Serilog's levels.
            writeToProviders: true);
        return builder;
    }
}
