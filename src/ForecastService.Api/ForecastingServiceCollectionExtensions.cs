using ForecastService.Api.Analysis;
using ForecastService.Api.Errors;
using ForecastService.Api.Forecasting;
using ForecastService.Api.Health;
using ForecastService.Api.Json;
using ForecastService.Api.Metrics;
using ForecastService.Api.Models;
using ForecastService.Api.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Every registration of the forecasting service, so Program.cs reads as a list of calls.</summary>
public static class ForecastingServiceCollectionExtensions
{
    /// <summary>Options (validated at start), the model repository, the forecast handler, problem details, health and metrics.</summary>
    public static IHostApplicationBuilder AddForecasting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OnnxOptions>().BindConfiguration(OnnxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BatchingOptions>().BindConfiguration(BatchingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<ModelsOptions>, ModelsRootResolver>();

        // Kestrel's own cap matches ours, so a chunked body is cut off at the same size. Read from configuration, not
        // from the validated options: Kestrel's options are built before start-up validation, which must be the one
        // to report a bad value (naming the key) rather than a crash while building the host.
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
        {
            var key = $"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxBodyBytes)}";
            kestrel.Limits.MaxRequestBodySize = long.TryParse(configuration[key], System.Globalization.CultureInfo.InvariantCulture, out var max) && max >= 1024
                ? max
                : new RequestLimitsOptions().MaxBodyBytes;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IModelRunMetrics>(sp => sp.GetRequiredService<ServiceMetrics>());
        services.AddSingleton(sp =>
        {
            var repository = ActivatorUtilities.CreateInstance<ModelRepository>(sp);
            sp.GetRequiredService<ServiceMetrics>().ObserveModels(() => repository.Catalog);
            return repository;
        });
        services.AddHostedService(sp => sp.GetRequiredService<ModelRepository>());
        services.AddSingleton<ForecastHandler>();
        services.AddSingleton<AnalysisHandler>();

        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ForecastJsonContext.Default);

            // A context's converters apply to its own options only; responses are written with these.
            options.SerializerOptions.Converters.Add(new SeriesForecastJsonConverter());
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<UnhandledExceptionHandler>();

        services.AddHealthChecks()
            .AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [HealthEndpoints.LiveTag])
            .AddCheck<ModelRepositoryHealthCheck>("models", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
