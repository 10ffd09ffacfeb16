using System.Diagnostics.Metrics;

namespace ForecastService.Api.Streaming;

/// <summary>Streaming's instruments on the service's meter: active streams against the configured limits, and what happened to them.</summary>
internal sealed class StreamMetrics
{
    private readonly Counter<long> _warmed;
    private readonly Counter<long> _observations;
    private readonly Counter<long> _observationPoints;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _removed;

    public StreamMetrics(Meter meter, StreamStore store, StreamingOptions options)
    {
        meter.CreateObservableGauge("forecast.streams.active", () => store.Count, "{stream}", "Streams held in this replica's memory.");
        meter.CreateObservableGauge("forecast.streams.max", () => options.MaxStreams, "{stream}", "The configured limit on streams (Streaming:MaxStreams); warming beyond it answers 503.");
        meter.CreateObservableGauge("forecast.streams.idle_timeout", () => options.IdleTimeout.TotalSeconds, "s", "The configured idle timeout (Streaming:IdleTimeout) after which a stream is dropped.");
        _warmed = meter.CreateCounter<long>("forecast.streams.warmed", "{stream}", "Streams warmed (or re-warmed) with POST /v1/streams.");
        _observations = meter.CreateCounter<long>("forecast.stream.observations", "{call}", "Accepted observation calls.");
        _observationPoints = meter.CreateCounter<long>("forecast.stream.observation_points", "{point}", "New points run through step models by accepted observation calls.");
        _refused = meter.CreateCounter<long>("forecast.streams.refused", "{stream}", "Warm-ups refused because the store held Streaming:MaxStreams streams.");
        _removed = meter.CreateCounter<long>("forecast.streams.removed", "{stream}", "Streams dropped, by reason: idle (evicted after Streaming:IdleTimeout), deleted, model_unloaded.");

        // Every counter and reason from zero, so a dashboard's rate() has a series before the first event.
        _warmed.Add(0);
        _observations.Add(0);
        _observationPoints.Add(0);
        _refused.Add(0);
        foreach (var reason in Enum.GetValues<EvictionReason>())
        {
            _removed.Add(0, Reason(reason));
        }
    }

    public void Warmed() => _warmed.Add(1);

    public void Observed(int points)
    {
        _observations.Add(1);
        _observationPoints.Add(points);
    }

    public void Refused() => _refused.Add(1);

    public void Evicted(EvictionReason reason) => _removed.Add(1, Reason(reason));

    private static KeyValuePair<string, object?> Reason(EvictionReason reason) => new("reason", reason switch
    {
        EvictionReason.Idle => "idle",
        EvictionReason.Deleted => "deleted",
        _ => "model_unloaded",
    });
}
