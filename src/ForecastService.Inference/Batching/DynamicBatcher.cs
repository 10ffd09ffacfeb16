using System.Diagnostics;
using System.Threading.Channels;
using ForecastService.Core.Forecasting;

namespace ForecastService.Inference.Batching;

/// <summary>
/// An <see cref="IForecaster"/> that joins concurrent calls to one model version into shared ONNX Runtime calls, the
/// way Triton's dynamic batcher does: calls queue their windows, a worker takes up to MaxBatchSize of them (waiting at
/// most MaxQueueDelay for more), runs the model once and hands each call its own rows. Calls are validated before they
/// get here, so one call's bad data cannot fail its batch-mates. Must be disposed before its session.
/// </summary>
public sealed partial class DynamicBatcher : IForecaster, IDisposable
{
    private readonly WindowModelRunner _runner;
    private readonly BatchingSettings _settings;
    private readonly TimeProvider _time;
    private readonly Action<int, TimeSpan>? _onRun;
    private readonly Action<TimeSpan>? _onQueueWait;
    private readonly Channel<BatchChunk> _queue;
    private readonly Task[] _workers;
    private int _pendingWindows;
    private int _runningBatches;
    private int _inlineRunning;
    private int _disposed;

    /// <param name="session">The model version's session; not owned.</param>
    /// <param name="signature">Its signature.</param>
    /// <param name="settings">Batch size, delay, queue length and workers.</param>
    /// <param name="time">Measures run times and the queue delay.</param>
    /// <param name="onRun">Told each run's batch size and time (metrics); called on a worker thread.</param>
    /// <param name="onQueueWait">Told how long each call's windows waited for their run, zero for an inline run (metrics).</param>
    public DynamicBatcher(
        OnnxSession session, ModelSignature signature, BatchingSettings settings, TimeProvider time, Action<int, TimeSpan>? onRun = null, Action<TimeSpan>? onQueueWait = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxQueueLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Workers, 1);
        _runner = new WindowModelRunner(session, signature);
        Signature = signature;
        _settings = settings;
        _time = time;
        _onRun = onRun;
        _onQueueWait = onQueueWait;

        // Unbounded as a channel: the bound is on windows, counted by _pendingWindows before a call is let in.
        _queue = Channel.CreateUnbounded<BatchChunk>(new UnboundedChannelOptions { SingleReader = settings.Workers == 1, SingleWriter = false });
        _workers = new Task[settings.Workers];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Run(RunWorkerAsync);
        }
    }

    public ModelSignature Signature { get; }

    public string ExecutionProvider => _runner.ExecutionProvider;

    /// <summary>Windows queued or being collected, not yet run.</summary>
    public int PendingWindows => Volatile.Read(ref _pendingWindows);

    /// <exception cref="BatchQueueFullException">The queue holds MaxQueueLength windows already.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before any of the call's windows ran.</exception>
    /// <exception cref="OnnxRuntimeException">The shared run failed.</exception>
    public ValueTask<ForecastOutput> ForecastAsync(ForecastInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ForecastOutput>(cancellationToken);
        }

        if (TryRunInline(input, out var answer))
        {
            return ValueTask.FromResult(answer);
        }

        var windows = input.BatchSize;
        var pending = Interlocked.Add(ref _pendingWindows, windows);

        // A call bigger than the whole queue is still let into an empty queue, or it could never run.
        if (pending > _settings.MaxQueueLength && pending != windows)
        {
            Interlocked.Add(ref _pendingWindows, -windows);
            throw new BatchQueueFullException(
                $"Model '{Signature.Name}' v{Signature.Version} has {_settings.MaxQueueLength} windows queued already; retry shortly.",
                _settings.RetryAfter);
        }

        // The caller's span, when traced, so the worker can file the queue wait and the run under it.
        var span = Activity.Current is { IsAllDataRequested: true } current ? current : null;
        var request = new PendingForecast(input, Signature.Quantiles.Count, cancellationToken)
        {
            EnqueuedAt = _time.GetTimestamp(),
            Span = span?.Context,
            EnqueuedAtUtc = span is null ? default : _time.GetUtcNow(),
        };
        request.ListenForCancellation();
        var max = _settings.MaxBatchSize;
        for (var offset = 0; offset < windows; offset += max)
        {
            if (!_queue.Writer.TryWrite(new BatchChunk(request, offset, Math.Min(max, windows - offset))))
            {
                request.Fail(new ObjectDisposedException(nameof(DynamicBatcher)));
                break;
            }
        }

        return new ValueTask<ForecastOutput>(request.Task);
    }

    /// <summary>
    /// With nothing queued or running and no queue delay configured, a queue has nothing to offer a call: there is no
    /// batch-mate to wait for. Such a call runs on its own thread, straight from its input arrays, and skips the two
    /// thread hops of a queued call (to the worker and back). One inline run at a time; anything arriving meanwhile
    /// queues as usual, so batching takes over as soon as calls overlap.
    /// </summary>
    private bool TryRunInline(ForecastInput input, out ForecastOutput output)
    {
        output = null!;
        if (_settings.MaxQueueDelay > TimeSpan.Zero || input.BatchSize > _settings.MaxBatchSize
            || Volatile.Read(ref _pendingWindows) != 0 || Volatile.Read(ref _runningBatches) != 0
            || Interlocked.CompareExchange(ref _inlineRunning, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            // It skipped the queue: a wait of zero, so the queue-wait histogram covers every call the batcher takes.
            _onQueueWait?.Invoke(TimeSpan.Zero);
            var started = _time.GetTimestamp();
            using var span = InferenceTracing.StartRun(input.BatchSize);
            output = _runner.Run(input, CancellationToken.None);
            _onRun?.Invoke(input.BatchSize, _time.GetElapsedTime(started));
            return true;
        }
        finally
        {
            Volatile.Write(ref _inlineRunning, 0);
        }
    }

    /// <summary>Stops taking calls, runs what is queued, and waits for the workers.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        Task.WaitAll(_workers);
    }
}
