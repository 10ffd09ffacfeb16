namespace ForecastService.Inference.Batching;

/// <summary>How one model version batches concurrent calls (the service resolves it from its Batching options at load).</summary>
/// <param name="Enabled">When false, each call runs on its own, on the caller's thread.</param>
/// <param name="MaxBatchSize">Most windows in one ONNX Runtime call; a call with more series is split.</param>
/// <param name="MaxQueueDelay">Longest a worker holds a non-full batch open for more windows; zero runs what is queued at once.</param>
/// <param name="MaxQueueLength">Most windows waiting; past it a call is refused with 503 rather than queued.</param>
/// <param name="Workers">Threads that run batches; each owns one set of tensor buffers.</param>
public sealed record BatchingSettings(bool Enabled, int MaxBatchSize, TimeSpan MaxQueueDelay, int MaxQueueLength, int Workers)
{
    /// <summary>What a full queue tells the client to wait before retrying.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
