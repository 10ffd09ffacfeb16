
namespace ForecastService.Inference.Batching;

public sealed partial class DynamicBatcher
{
    private async Task RunWorkerAsync()
    {
        var max = _settings.MaxBatchSize;
        using var buffers = new BatchBuffers(Signature, max);
        var batch = new BatchChunk[max];
        CancellationTokenSource? delay = null;
        BatchChunk? carry = null;
        while (true)
        {
            var count = 0;
            var windows = 0;
            if (carry is { } held)
            {
                batch[count++] = held;
                windows = held.Count;
                carry = null;
            }
            else if (!await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                delay?.Dispose();
                return;
            }

            var started = _time.GetTimestamp();
            while (true)
            {
                while (windows < max && _queue.Reader.TryRead(out var chunk))
                {
                    if (!chunk.Request.IsLive)
                    {
                        Release(chunk.Count);
                    }
                    else if (windows + chunk.Count > max)
                    {
                        // Whole chunks only: this one opens the next batch.
                        carry = chunk;
                        break;
                    }
                    else
                    {
                        batch[count++] = chunk;
                        windows += chunk.Count;
                    }
                }

                if (windows >= max || carry is not null)
                {
                    // Cancelled calls do not hold a batch's seats: drop them and keep collecting if there is time.
                    (count, windows) = Prune(batch, count);
                    if (windows >= max || carry is not null)
                    {
                        break;
                    }
                }

                var remaining = _settings.MaxQueueDelay - _time.GetElapsedTime(started);
                if (windows > 0 && remaining <= TimeSpan.Zero)
                {
                    break;
                }

                if (windows == 0)
                {
                    if (!await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                // One timer per worker, reused until it fires. Timers tick in whole milliseconds: round up so a short
                // delay still waits rather than spins.
                if (delay is not null && !delay.TryReset())
                {
                    delay.Dispose();
                    delay = null;
                }

                delay ??= new CancellationTokenSource();
                delay.CancelAfter(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)));
                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(delay.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (delay.IsCancellationRequested)
                {
                    break;
                }
            }

            Interlocked.Increment(ref _runningBatches);
            try
            {
                RunBatch(buffers, batch, count);
            }
            finally
            {
                Interlocked.Decrement(ref _runningBatches);
            }

            Array.Clear(batch, 0, count);
        }
    }

    /// <summary>Removes calls that were cancelled or finished while waiting; returns the chunks and windows left.</summary>
    private (int Count, int Windows) Prune(BatchChunk[] batch, int count)
    {
        var kept = 0;
        var windows = 0;
        for (var i = 0; i < count; i++)
        {
            if (batch[i].Request.IsLive)
            {
                batch[kept++] = batch[i];
                windows += batch[i].Count;
            }
            else
            {
                Release(batch[i].Count);
            }
        }

        Array.Clear(batch, kept, count - kept);
        return (kept, windows);
    }

    private void RunBatch(BatchBuffers buffers, BatchChunk[] batch, int count)
    {
        // Claim each call; a call cancelled by now is dropped before the run.
        var kept = 0;
        var rows = 0;
        for (var i = 0; i < count; i++)
        {
            var chunk = batch[i];
            Release(chunk.Count);
            if (chunk.Request.TryStart())
            {
                buffers.CopyIn(chunk.Request.Input, chunk.Offset, chunk.Count, rows);
                batch[kept++] = chunk;
                rows += chunk.Count;
            }
        }

        if (rows == 0)
        {
            return;
        }

        var started = _time.GetTimestamp();
        var startedUtc = _time.GetUtcNow();
        for (var i = 0; i < kept; i++)
        {
            _onQueueWait?.Invoke(_time.GetElapsedTime(batch[i].Request.EnqueuedAt, started));
        }

        try
        {
            // The batch is not cancelled with any one caller: a call that is running finishes with its batch-mates.
            var rowLength = _runner.OutputRowLength;
            _runner.Run(
                rows,
                buffers.Values.AsMemory(0, rows * buffers.Lookback),
                buffers.PastCovariates.AsMemory(0, rows * buffers.Lookback * buffers.Covariates),
                buffers.FutureCovariates.AsMemory(0, rows * buffers.Horizon * buffers.Covariates),
                buffers.Output.AsMemory(0, rows * rowLength),
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            TraceRun(batch, kept, rows, startedUtc, ex);
            for (var i = 0; i < kept; i++)
            {
                batch[i].Request.Fail(ex);
            }

            return;
        }

        _onRun?.Invoke(rows, _time.GetElapsedTime(started));
        TraceRun(batch, kept, rows, startedUtc, null);
        var row = 0;
        var length = buffers.Horizon * buffers.QuantileCount;
        for (var i = 0; i < kept; i++)
        {
            var chunk = batch[i];
            chunk.Request.Complete(chunk.Offset, chunk.Count, buffers.Output.AsSpan(row * length, chunk.Count * length));
            row += chunk.Count;
        }
    }

    /// <summary>Files each traced call's queue wait and run under its span, before the call is answered and ends it.</summary>
    private void TraceRun(BatchChunk[] batch, int count, int rows, DateTimeOffset started, Exception? error)
    {
        DateTimeOffset? ended = null;
        for (var i = 0; i < count; i++)
        {
            var request = batch[i].Request;
            if (request.Span is { } span)
            {
                ended ??= _time.GetUtcNow();
                InferenceTracing.RecordQueuedRun(span, request.EnqueuedAtUtc, started, ended.Value, rows, batch[i].Count, error);
            }
        }
    }

    private void Release(int windows) => Interlocked.Add(ref _pendingWindows, -windows);
}
