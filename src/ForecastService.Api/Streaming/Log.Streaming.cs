namespace ForecastService.Api;

/// <summary>Streaming's events (6xxx). A stream id is the client's text, as in the path it already sends.</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Debug, "Warmed stream {StreamId} on model {Model} v{ModelVersion}")]
    public static partial void StreamWarmed(ILogger logger, string streamId, string model, int modelVersion);
}
