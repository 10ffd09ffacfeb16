using ForecastService.Api.Metrics;

namespace ForecastService.Api.Streaming;

/// <summary>Streaming's part of <c>/metrics</c>: active streams against the configured limits, and what happened to them.</summary>
internal sealed class StreamMetrics(StreamStore store, StreamingOptions options)
{
    private long _warmed;
    private long _observationCalls;
    private long _observationPoints;
    private long _refused;
    private long _idle;
    private long _deleted;
    private long _modelUnloaded;

    public void Warmed() => Interlocked.Increment(ref _warmed);

    public void Observed(int points)
    {
        Interlocked.Increment(ref _observationCalls);
        Interlocked.Add(ref _observationPoints, points);
    }

    public void Refused() => Interlocked.Increment(ref _refused);

    public void Evicted(EvictionReason reason)
    {
        switch (reason)
        {
            case EvictionReason.Idle:
                Interlocked.Increment(ref _idle);
                break;
            case EvictionReason.Deleted:
                Interlocked.Increment(ref _deleted);
                break;
            default:
                Interlocked.Increment(ref _modelUnloaded);
                break;
        }
    }

    public void Write(PrometheusTextWriter w)
    {
        w.Header("forecast_streams_active", "gauge", "Streams held in this replica's memory.");
        w.Sample("forecast_streams_active", [], store.Count);
        w.Header("forecast_streams_max", "gauge", "The configured limit on streams (Streaming:MaxStreams); warming beyond it answers 503.");
        w.Sample("forecast_streams_max", [], options.MaxStreams);
        w.Header("forecast_streams_idle_timeout_seconds", "gauge", "The configured idle timeout (Streaming:IdleTimeout) after which a stream is dropped.");
        w.Sample("forecast_streams_idle_timeout_seconds", [], options.IdleTimeout.TotalSeconds);
        w.Header("forecast_streams_warmed_total", "counter", "Streams warmed (or re-warmed) with POST /v1/streams.");
        w.Sample("forecast_streams_warmed_total", [], Interlocked.Read(ref _warmed));
        w.Header("forecast_stream_observations_total", "counter", "Accepted observation calls.");
        w.Sample("forecast_stream_observations_total", [], Interlocked.Read(ref _observationCalls));
        w.Header("forecast_stream_observation_points_total", "counter", "New points run through step models by accepted observation calls.");
        w.Sample("forecast_stream_observation_points_total", [], Interlocked.Read(ref _observationPoints));
        w.Header("forecast_streams_refused_total", "counter", "Warm-ups refused because the store held Streaming:MaxStreams streams.");
        w.Sample("forecast_streams_refused_total", [], Interlocked.Read(ref _refused));
        w.Header("forecast_streams_removed_total", "counter", "Streams dropped, by reason: idle (evicted after Streaming:IdleTimeout), deleted, model_unloaded.");
        w.Sample("forecast_streams_removed_total", [("reason", "idle")], Interlocked.Read(ref _idle));
        w.Sample("forecast_streams_removed_total", [("reason", "deleted")], Interlocked.Read(ref _deleted));
        w.Sample("forecast_streams_removed_total", [("reason", "model_unloaded")], Interlocked.Read(ref _modelUnloaded));
    }

    public override string ToString()
    {
        var w = new PrometheusTextWriter();
        Write(w);
        return w.ToString();
    }
}
