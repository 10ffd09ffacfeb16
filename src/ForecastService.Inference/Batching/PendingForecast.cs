using System.Diagnostics;
using ForecastService.Core.Forecasting;

namespace ForecastService.Inference.Batching;

/// <summary>
/// One call waiting in a <see cref="DynamicBatcher"/>: its input, the answer filled in as its windows run, and its
/// state. A call can be cancelled only while none of its windows has run; from then on it runs to the end, so a
/// client never gets half a forecast.
/// </summary>
internal sealed class PendingForecast
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Done = 2;

    private readonly TaskCompletionSource<ForecastOutput> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private int _state;
    private int _remaining;

    public PendingForecast(ForecastInput input, int quantileCount, CancellationToken cancellationToken)
    {
        Input = input;
        CancellationToken = cancellationToken;
        _remaining = input.BatchSize;
        QuantileCount = quantileCount;
        Output = GC.AllocateUninitializedArray<float>(input.BatchSize * input.Horizon * quantileCount);
    }

    public ForecastInput Input { get; }

    /// <summary>When the call was queued (<see cref="TimeProvider.GetTimestamp"/>), for the queue-wait metric.</summary>
    public long EnqueuedAt { get; init; }

    /// <summary>The caller's span when traced: the worker files the call's queue wait and run under it.</summary>
    public ActivityContext? Span { get; init; }

    /// <summary>When the call was queued, on the clock spans use; set only with <see cref="Span"/>.</summary>
    public DateTimeOffset EnqueuedAtUtc { get; init; }

    public CancellationToken CancellationToken { get; }

    public int QuantileCount { get; }

    /// <summary>
    /// The call's own answer in the response's layout, [batch, quantiles, horizon], filled window by window straight
    /// from the batch's output buffer: the only copy between ONNX Runtime and the JSON writer.
    /// </summary>
    public float[] Output { get; }

    public Task<ForecastOutput> Task => _completion.Task;

    /// <summary>False once the call is cancelled, failed or answered: its windows are skipped.</summary>
    public bool IsLive => Volatile.Read(ref _state) != Done && !CancellationToken.IsCancellationRequested;

    /// <summary>Completes the call as cancelled as soon as its token fires, if no window of it has run yet.</summary>
    public void ListenForCancellation()
    {
        if (CancellationToken.CanBeCanceled)
        {
            _registration = CancellationToken.UnsafeRegister(static state => ((PendingForecast)state!).TryCancel(), this);
        }
    }

    /// <summary>Claims the call for a run; false when it was cancelled or already finished, so its windows are dropped.</summary>
    public bool TryStart()
    {
        if (Volatile.Read(ref _state) == Running)
        {
            return true;
        }

        if (CancellationToken.IsCancellationRequested)
        {
            TryCancel();
            return false;
        }

        return Interlocked.CompareExchange(ref _state, Running, Queued) == Queued;
    }

    /// <summary>
    /// Takes the model rows [count, horizon, quantiles] of windows [<paramref name="offset"/>, offset + count) into the
    /// call's columns and completes the call after its last window.
    /// </summary>
    public void Complete(int offset, int count, ReadOnlySpan<float> rows)
    {
        ForecastOutput.TransposeRows(rows, count, Input.Horizon, QuantileCount, Output, offset);
        if (Interlocked.Add(ref _remaining, -count) == 0 && Interlocked.Exchange(ref _state, Done) != Done)
        {
            _registration.Dispose();
            _completion.TrySetResult(ForecastOutput.FromColumns(Input.BatchSize, Input.Horizon, QuantileCount, Output));
        }
    }

    public void Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _state, Done) != Done)
        {
            _registration.Dispose();
            _completion.TrySetException(exception);
        }
    }

    private void TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Done, Queued) == Queued)
        {
            _completion.TrySetCanceled(CancellationToken);
        }
    }
}
