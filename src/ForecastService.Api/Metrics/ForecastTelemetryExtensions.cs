using ForecastService.Api.Metrics;
using ForecastService.Api.Tracing;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>OpenTelemetry: metrics for the Prometheus scrape at <c>/metrics</c>, traces to OTLP when an endpoint is configured.</summary>
public static class ForecastTelemetryExtensions
{
    /// <summary>The standard OpenTelemetry variable; with neither it nor the traces-only one set, no tracer is built.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpTracesEndpointKey = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    // Meters that ASP.NET Core creates per host through IMeterFactory.
    private static readonly string[] HostMeters =
    [
        ServiceMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
    ];

    /// <summary>
    /// The service's meter with ASP.NET Core's, Kestrel's and the .NET runtime's, exported for Prometheus; and, only
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>…_TRACES_ENDPOINT</c>) is set, a tracer that sends the
    /// service's spans and ASP.NET Core's request spans by OTLP (the standard <c>OTEL_*</c> variables configure it).
    /// Without it no listener exists, so starting a span is a null check.
    /// </summary>
    public static IHostApplicationBuilder AddForecastTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ServiceMetrics>();

        // This host's meters only (MeterScope.Local), not every same-named meter in the process: hosts that share a
        // process (the test servers) must not count each other's requests.
        foreach (var meter in HostMeters)
        {
            builder.Metrics.EnableMetrics(meter, scopes: MeterScope.Local);
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("forecast-service"))
            .WithMetrics(metrics => metrics
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(options =>
                {
                    // Labels as README documents them, without otel_scope_* on every sample; and a fresh collection on
                    // every scrape (Prometheus scrapes seldom; a cached answer would hide a change just made).
                    options.ScopeInfoEnabled = false;
                    options.ScrapeResponseCacheDurationMilliseconds = 0;
                }));

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]) || !string.IsNullOrWhiteSpace(builder.Configuration[OtlpTracesEndpointKey]))
        {
            telemetry.WithTracing(tracing => tracing.AddForecastInstrumentation().AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>The spans the service traces: its own, and ASP.NET Core's request spans except probes and scrapes.</summary>
    public static TracerProviderBuilder AddForecastInstrumentation(this TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing
            .AddSource(ForecastTracing.SourceName)
            .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal));
    }
}
