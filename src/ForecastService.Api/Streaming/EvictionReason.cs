namespace ForecastService.Api.Streaming;

/// <summary>Why a stream left the store; a label of <c>forecast_streams_removed_total</c>.</summary>
internal enum EvictionReason
{
    /// <summary>No call for the idle timeout.</summary>
    Idle,

    /// <summary>The client deleted it.</summary>
    Deleted,

    /// <summary>The model version it was warmed on was replaced or removed; the client must re-warm.</summary>
    ModelUnloaded,
}
