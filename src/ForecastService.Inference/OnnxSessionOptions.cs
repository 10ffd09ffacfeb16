namespace ForecastService.Inference;

/// <summary>How an <see cref="OnnxSession"/> is created.</summary>
public sealed class OnnxSessionOptions
{
    /// <summary>The execution provider. <value>Default <see cref="ExecutionProviderPreference.Cpu"/>.</value></summary>
    public ExecutionProviderPreference ExecutionProvider { get; init; } = ExecutionProviderPreference.Cpu;

    /// <summary>CUDA device ordinal, used with Cuda and Auto. <value>0 or more; default 0.</value></summary>
    public int CudaDeviceId { get; init; }

    /// <summary>
    /// Threads used inside one operator. <value>0 or more; 0 lets ORT choose (one per physical core); default 1,
    /// because a server gets its parallelism from concurrent Runs and more threads per Run oversubscribe the cores.</value>
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads used to run independent nodes in parallel. <value>0 or more; 0 lets ORT choose; default 1.</value></summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Graph optimizations applied at load. <value>Default <see cref="GraphOptimizationLevel.All"/>.</value></summary>
    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.All;

    /// <summary>
    /// Whether idle thread-pool threads spin (<c>session.intra_op.allow_spinning</c>). Spinning lowers latency a
    /// little and burns a core while idle. <value>Default <see langword="false"/>.</value>
    /// </summary>
    public bool AllowSpinning { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(CudaDeviceId, nameof(CudaDeviceId));
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads, nameof(IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfNegative(InterOpThreads, nameof(InterOpThreads));
        if (!Enum.IsDefined(ExecutionProvider))
        {
            throw new ArgumentOutOfRangeException(nameof(ExecutionProvider), ExecutionProvider, "Unknown execution provider.");
        }

        if (!Enum.IsDefined(OptimizationLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(OptimizationLevel), OptimizationLevel, "Unknown optimization level.");
        }
    }
}
