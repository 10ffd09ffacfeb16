using System.Collections.Concurrent;
using ForecastService.Api.Metrics;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Streaming;

/// <summary>
/// Every stream this replica holds, in memory only (lost on restart), at most <see cref="StreamingOptions.MaxStreams"/>.
/// Lookups are lock-free; adding takes a short lock so the limit holds under concurrent warms. A stream idle for
/// <see cref="StreamingOptions.IdleTimeout"/> (on <see cref="TimeProvider"/>) is gone: lookups treat it as absent at
/// once, and a periodic sweep drops it and releases its model. Why a stream left without its client being told is
/// kept in <see cref="StreamEvictions"/> for the idle timeout, so the next call on it can say so.
/// </summary>
internal sealed class StreamStore : IDisposable
{
    private readonly ConcurrentDictionary<string, ForecastStream> _streams = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();
    private readonly StreamingOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private readonly StreamEvictions _evictions;

    public StreamStore(IOptions<StreamingOptions> options, TimeProvider time, ServiceMetrics metrics)
    {
        _options = options.Value;
        _time = time;
        _evictions = new StreamEvictions(_options.IdleTimeout, _options.MaxStreams);
        Metrics = new StreamMetrics(metrics.Meter, this, _options);
        _sweeper = time.CreateTimer(_ => Sweep(), null, _options.SweepInterval, _options.SweepInterval);
    }

    public StreamMetrics Metrics { get; }

    public int Count => _streams.Count;

    /// <summary>Recent evictions no client has been told about yet (at most <see cref="StreamingOptions.MaxStreams"/>).</summary>
    public int RememberedEvictions => _evictions.Count;

    public StreamingOptions Options => _options;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>How long a refused client should wait: streams free up as idle ones are swept.</summary>
    public TimeSpan RetryAfter => _options.SweepInterval < _options.IdleTimeout ? _options.SweepInterval : _options.IdleTimeout;

    /// <summary>False when the store is full and <paramref name="id"/> is not one it holds (re-warming replaces in place).</summary>
    public bool HasRoomFor(string id) => _streams.ContainsKey(id) || _streams.Count < _options.MaxStreams;

    /// <summary>
    /// Adds <paramref name="stream"/>, replacing (and closing) a stream with the same id; false, with nothing
    /// changed, when the store is full.
    /// </summary>
    public bool TryAdd(ForecastStream stream)
    {
        ForecastStream? replaced;
        lock (_adding)
        {
            replaced = _streams.GetValueOrDefault(stream.Id);
            if (replaced is null && _streams.Count >= _options.MaxStreams)
            {
                Metrics.Refused();
                return false;
            }

            _streams[stream.Id] = stream;
        }

        _evictions.Forget(stream.Id);

        replaced?.Close();
        Metrics.Warmed();
        return true;
    }

    /// <summary>
    /// The live stream with that id, or null when it never existed here, was deleted or has expired; then
    /// <paramref name="eviction"/> says why it left when that is known (expired or its model went, within the idle
    /// timeout), once.
    /// </summary>
    public ForecastStream? Find(string id, out StreamEviction? eviction)
    {
        var now = _time.GetUtcNow();
        eviction = null;
        if (!_streams.TryGetValue(id, out var stream))
        {
            eviction = _evictions.Take(id, now);
            return null;
        }

        if (stream.IsIdle(now, _options.IdleTimeout))
        {
            // The caller is told now; a stream whose model also went must be re-warmed on a loaded version, so say that.
            var reason = stream.Model.IsRetired ? EvictionReason.ModelUnloaded : EvictionReason.Idle;
            if (Remove(stream, reason))
            {
                eviction = new StreamEviction(id, reason, stream.Model.Signature.Name, stream.Model.Signature.Version, now);
            }

            return null;
        }

        stream.Touch(now);
        return stream;
    }

    /// <summary>
    /// Removes and closes <paramref name="stream"/> if it is still the one under its id; with
    /// <paramref name="remember"/> (no client is being told right now) the reason is kept for the stream's next call.
    /// </summary>
    public bool Remove(ForecastStream stream, EvictionReason reason, bool remember = false)
    {
        if (!_streams.TryRemove(new KeyValuePair<string, ForecastStream>(stream.Id, stream)))
        {
            return false;
        }

        // Remembered and counted before closing, so whoever sees the count can rely on the reason being there.
        if (remember)
        {
            _evictions.Record(new StreamEviction(stream.Id, reason, stream.Model.Signature.Name, stream.Model.Signature.Version, _time.GetUtcNow()));
        }

        Metrics.Evicted(reason);
        stream.Close();
        return true;
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var stream in _streams.Values)
        {
            if (_streams.TryRemove(new KeyValuePair<string, ForecastStream>(stream.Id, stream)))
            {
                stream.Close();
            }
        }
    }

    /// <summary>
    /// Drops idle streams, and streams whose model version was replaced or removed (they pin its session, and could
    /// only answer 410); one busy with a call is left for the next sweep.
    /// </summary>
    internal void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var stream in _streams.Values)
        {
            if ((stream.IsIdle(now, _options.IdleTimeout) || stream.Model.IsRetired) && stream.Gate.TryEnter())
            {
                try
                {
                    // A retired model outranks idleness: either way the client must re-warm, but on a loaded version.
                    var reason = stream.Model.IsRetired ? EvictionReason.ModelUnloaded : EvictionReason.Idle;
                    Remove(stream, reason, remember: true);
                }
                finally
                {
                    stream.Gate.Exit();
                }
            }
        }
    }
}
