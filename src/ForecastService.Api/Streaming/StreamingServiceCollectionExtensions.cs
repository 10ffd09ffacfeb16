using ForecastService.Api.Streaming;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registrations of stateful streaming.</summary>
public static class StreamingServiceCollectionExtensions
{
    /// <summary>The <c>Streaming</c> options (validated at start), the in-memory stream store and the handler.</summary>
    public static IServiceCollection AddStreaming(this IServiceCollection services)
    {
        services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StreamStore>();
        services.AddSingleton<StreamHandler>();
        return services;
    }
}
