using System.Collections.Concurrent;
using ForecastService.Api.Metrics;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Streaming;

/// <summary>
/// Every stream this replica holds, in memory only (lost on restart), at most <see cref="StreamingOptions.MaxStreams"/>.
/// Lookups are lock-free; adding takes a short lock so the limit holds under concurrent warms. A stream idle for
/// <see cref="StreamingOptions.IdleTimeout"/> (on <see cref="TimeProvider"/>) is gone: lookups treat it as absent at
/// once, and a periodic sweep drops it and releases its model.
/// </summary>
internal sealed class StreamStore : IDisposable
{
    private readonly ConcurrentDictionary<string, ForecastStream> _streams = new(StringComparer.Ordinal);
    private readonly Lock _adding = new();
    private readonly StreamingOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public StreamStore(IOptions<StreamingOptions> options, TimeProvider time, ServiceMetrics metrics)
    {
        _options = options.Value;
        _time = time;
        Metrics = new StreamMetrics(metrics.Meter, this, _options);
        _sweeper = time.CreateTimer(_ => Sweep(), null, _options.SweepInterval, _options.SweepInterval);
    }

    public StreamMetrics Metrics { get; }

    public int Count => _streams.Count;

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

        replaced?.Close();
        Metrics.Warmed();
        return true;
    }

    /// <summary>The live stream with that id, or null when it never existed here, was deleted or has expired.</summary>
    public ForecastStream? Find(string id)
    {
        if (!_streams.TryGetValue(id, out var stream))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (stream.IsIdle(now, _options.IdleTimeout))
        {
            Remove(stream, EvictionReason.Idle);
            return null;
        }

        stream.Touch(now);
        return stream;
    }

    /// <summary>Removes and closes <paramref name="stream"/> if it is still the one under its id.</summary>
    public bool Remove(ForecastStream stream, EvictionReason reason)
    {
        if (!_streams.TryRemove(new KeyValuePair<string, ForecastStream>(stream.Id, stream)))
        {
            return false;
        }

        stream.Close();
        Metrics.Evicted(reason);
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
                    if (stream.IsIdle(now, _options.IdleTimeout))
                    {
                        Remove(stream, EvictionReason.Idle);
                    }
                    else if (stream.Model.IsRetired)
                    {
                        Remove(stream, EvictionReason.ModelUnloaded);
                    }
                }
                finally
                {
                    stream.Gate.Exit();
                }
            }
        }
    }
}
