namespace ForecastService.Api.Streaming;

/// <summary>
/// Why streams that no client was told about left the store (swept as idle, or because their model version went),
/// so the stream's next call gets the reason (410 <c>stream-model-unloaded</c>, or a 404 that says it expired) rather
/// than a bare "unknown". Each reason is kept for <c>retention</c> (the idle timeout) and answered once; at most
/// <c>capacity</c> (Streaming:MaxStreams) are kept, the oldest dropped first, so memory stays bounded however many
/// streams come and go.
/// </summary>
internal sealed class StreamEvictions(TimeSpan retention, int capacity)
{
    private readonly Dictionary<string, StreamEviction> _byId = new(StringComparer.Ordinal);
    private readonly Queue<StreamEviction> _oldestFirst = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byId.Count;
            }
        }
    }

    public void Record(StreamEviction eviction)
    {
        lock (_lock)
        {
            _byId[eviction.Id] = eviction;
            _oldestFirst.Enqueue(eviction);
            Prune(eviction.At);
        }
    }

    /// <summary>The reason stream <paramref name="id"/> left, if it is recent; it is forgotten once taken.</summary>
    public StreamEviction? Take(string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            Prune(now);
            return _byId.Remove(id, out var eviction) ? eviction : null;
        }
    }

    /// <summary>Forgets the reason for <paramref name="id"/>: it was warmed again.</summary>
    public void Forget(string id)
    {
        lock (_lock)
        {
            _byId.Remove(id);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        // The queue holds every recorded entry, also ones since taken or replaced (removed from the map only when
        // they are still its entry), so bounding the queue bounds both.
        while (_oldestFirst.TryPeek(out var oldest) && (_oldestFirst.Count > capacity || now - oldest.At >= retention))
        {
            _oldestFirst.Dequeue();
            if (_byId.TryGetValue(oldest.Id, out var current) && ReferenceEquals(current, oldest))
            {
                _byId.Remove(oldest.Id);
            }
        }
    }
}

/// <summary>Why and when stream <paramref name="Id"/>, warmed on <paramref name="Model"/> v<paramref name="Version"/>, left the store.</summary>
internal sealed record StreamEviction(string Id, EvictionReason Reason, string Model, int Version, DateTimeOffset At);
