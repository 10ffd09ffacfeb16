using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Microsoft.Extensions.Hosting;

/// <summary>Serilog without Serilog.AspNetCore (it cannot be restored here): core Serilog behind Microsoft.Extensions.Logging.</summary>
public static class ForecastLoggingExtensions
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces the logging providers with Serilog configured from the <c>Serilog</c> section (levels, enrichers,
    /// extra sinks such as a file), plus a console sink: text by default, one JSON object per event when
    /// <c>Serilog:Format</c> is <c>json</c> (for containers).
    /// </summary>
    public static IHostApplicationBuilder AddForecastLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Defaults first, so the service is quiet even without appsettings.json (run from another folder);
        // the Serilog section overrides them.
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        var json = string.Equals(builder.Configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase);
        configuration = json
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : configuration.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);

        // Owned here, not by the container, so a failed start can still be logged after the host is disposed.
        var logger = configuration.CreateLogger();
        builder.Services.AddSingleton(logger);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: false);
        return builder;
    }
}
