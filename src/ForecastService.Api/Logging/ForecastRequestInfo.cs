using System.Diagnostics;
using ForecastService.Api.Tracing;
using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Logging;

/// <summary>
/// What a model endpoint learned about its request (model, version, horizon, provider, series), kept in the request's
/// features so the completion log event and the request metrics can report it.
/// </summary>
internal sealed class ForecastRequestInfo
{
    public string? Model { get; set; }

    public int? Version { get; set; }

    public int? Horizon { get; set; }

    public string? ExecutionProvider { get; set; }

    public int SeriesCount { get; set; }

    /// <summary>Records the model version serving the request, here and on its operation span.</summary>
    public static void Describe(HttpContext context, Activity? operation, ModelSignature signature, string executionProvider)
    {
        if (context.Features.Get<ForecastRequestInfo>() is { } info)
        {
            info.Model = signature.Name;
            info.Version = signature.Version;
            info.Horizon = signature.Horizon;
            info.ExecutionProvider = executionProvider;
        }

        ForecastTracing.Describe(operation, signature, executionProvider);
    }

    /// <summary>Records the number of series the request carries, here and on its operation span.</summary>
    public static void CountSeries(HttpContext context, Activity? operation, int seriesCount)
    {
        if (context.Features.Get<ForecastRequestInfo>() is { } info)
        {
            info.SeriesCount = seriesCount;
        }

        operation?.SetTag(ForecastTracing.SeriesCountAttribute, seriesCount);
    }
}
