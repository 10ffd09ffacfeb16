namespace ForecastService.Api.Logging;

/// <summary>
/// What a forecast endpoint learned about its request (model, version, series), kept in the request's features so the
/// completion log event and the metrics can report it.
/// </summary>
internal sealed class ForecastRequestInfo
{
    public string? Model { get; set; }

    public int? Version { get; set; }

    public int SeriesCount { get; set; }
}
