namespace ForecastService.Inference.Batching;

/// <summary>A model version's batch queue is full; the caller answers 503 with <see cref="RetryAfter"/>.</summary>
public sealed class BatchQueueFullException : Exception
{
    public BatchQueueFullException()
        : this("The model's batch queue is full.", TimeSpan.FromSeconds(1))
    {
    }

    public BatchQueueFullException(string message)
        : this(message, TimeSpan.FromSeconds(1))
    {
    }

    public BatchQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public BatchQueueFullException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the client should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; }
}
