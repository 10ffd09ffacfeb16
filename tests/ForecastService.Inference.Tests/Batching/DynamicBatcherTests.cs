using System.Collections.Concurrent;
using ForecastService.Inference.Batching;

namespace ForecastService.Inference.Tests.Batching;

public sealed class DynamicBatcherTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly OnnxSession _session = BatchTestModel.Load();
    private readonly ConcurrentQueue<int> _runs = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task ForecastAsync_ManyConcurrentCalls_EachGetsItsOwnUnbatchedAnswer()
    {
        using var batcher = Create(new BatchingSettings(true, MaxBatchSize: 16, TimeSpan.FromMilliseconds(2), MaxQueueLength: 10_000, Workers: 2));

        // Mostly one window, some several, some more than a batch (split across runs).
        var inputs = Enumerable.Range(0, 300).Select(i => BatchTestModel.Input(seed: i, windows: i % 50 == 7 ? 37 : 1 + (i % 3))).ToArray();
        var tasks = inputs.Select(input => Task.Run(() => batcher.ForecastAsync(input, CancellationToken.None).AsTask())).ToArray();
        var outputs = await Task.WhenAll(tasks).WaitAsync(Wait);

        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = BatchTestModel.RunAlone(_session, inputs[i]);
            Assert.Equal(inputs[i].BatchSize, outputs[i].BatchSize);
            AssertSameAnswer(expected, outputs[i].ToRows());
        }

        Assert.All(_runs, size => Assert.InRange(size, 1, 16));
        Assert.True(_runs.Count < inputs.Sum(x => x.BatchSize), "no two calls shared a run");
        Assert.Equal(inputs.Sum(x => x.BatchSize), _runs.Sum());
        Assert.Equal(0, batcher.PendingWindows);
    }

    [Fact]
    public async Task ForecastAsync_ConcurrentCallsWithoutQueueDelay_InlineAndBatchedRunsAllAnswerRight()
    {
        using var batcher = Create(new BatchingSettings(true, MaxBatchSize: 16, TimeSpan.Zero, MaxQueueLength: 10_000, Workers: 1));

        var inputs = Enumerable.Range(0, 300).Select(i => BatchTestModel.Input(seed: 1000 + i, windows: 1 + (i % 3))).ToArray();
        var tasks = inputs.Select(input => Task.Run(() => batcher.ForecastAsync(input, CancellationToken.None).AsTask())).ToArray();
        var outputs = await Task.WhenAll(tasks).WaitAsync(Wait);

        for (var i = 0; i < inputs.Length; i++)
        {
            AssertSameAnswer(BatchTestModel.RunAlone(_session, inputs[i]), outputs[i].ToRows());
        }

        Assert.Equal(inputs.Sum(x => x.BatchSize), _runs.Sum());
        Assert.Equal(0, batcher.PendingWindows);
    }

    [Fact]
    public async Task ForecastAsync_IdleWithoutQueueDelay_RunsOnTheCallersThread()
    {
        using var batcher = Create(new BatchingSettings(true, MaxBatchSize: 8, TimeSpan.Zero, MaxQueueLength: 100, Workers: 1));
        var input = BatchTestModel.Input(seed: 7, windows: 3);

        var call = batcher.ForecastAsync(input, CancellationToken.None);

        // Nothing to batch with and no delay asked for: answered before the call returns, as one run of its windows.
        Assert.True(call.IsCompletedSuccessfully);
        AssertSameAnswer(BatchTestModel.RunAlone(_session, input), (await call).ToRows());
        Assert.Equal([3], _runs.ToArray());
    }

    [Fact]
    public async Task ForecastAsync_QueueDelayConfigured_WaitsForBatchMatesInsteadOfRunningInline()
    {
        using var batcher = Create(new BatchingSettings(true, MaxBatchSize: 8, TimeSpan.FromMilliseconds(200), MaxQueueLength: 100, Workers: 1));
        var a = BatchTestModel.Input(seed: 8, windows: 1);
        var b = BatchTestModel.Input(seed: 9, windows: 1);

        var first = batcher.ForecastAsync(a, CancellationToken.None);
        var second = batcher.ForecastAsync(b, CancellationToken.None);

        Assert.False(first.IsCompleted);
        var outputs = await Task.WhenAll(first.AsTask(), second.AsTask()).WaitAsync(Wait);
        AssertSameAnswer(BatchTestModel.RunAlone(_session, a), outputs[0].ToRows());
        AssertSameAnswer(BatchTestModel.RunAlone(_session, b), outputs[1].ToRows());
        Assert.Equal([2], _runs.ToArray());
    }

    [Fact]
    public async Task ForecastAsync_CallLargerThanBatch_IsSplitAndReassembled()
    {
        using var batcher = Create(new BatchingSettings(true, MaxBatchSize: 4, TimeSpan.Zero, MaxQueueLength: 100, Workers: 1));
        var input = BatchTestModel.Input(seed: 42, windows: 10);

        var output = await batcher.ForecastAsync(input, CancellationToken.None).AsTask().WaitAsync(Wait);

        AssertSameAnswer(BatchTestModel.RunAlone(_session, input), output.ToRows());
        Assert.Equal([4, 4, 2], _runs.ToArray());
    }

    [Fact]
    public async Task ForecastAsync_CancelledWhileQueued_IsDroppedBeforeTheRun()
    {
        // A long delay and a batch of two: nothing runs until two live windows are queued.
        using var batcher = Create(new BatchingSettings(true, MaxBatchSize: 2, TimeSpan.FromSeconds(10), MaxQueueLength: 100, Workers: 1));
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.ForecastAsync(BatchTestModel.Input(1, 1), cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Wait));

        var b = BatchTestModel.Input(2, 1);
        var c = BatchTestModel.Input(3, 1);
        var outputs = await Task.WhenAll(batcher.ForecastAsync(b, CancellationToken.None).AsTask(), batcher.ForecastAsync(c, CancellationToken.None).AsTask()).WaitAsync(Wait);

        AssertSameAnswer(BatchTestModel.RunAlone(_session, b), outputs[0].ToRows());
        AssertSameAnswer(BatchTestModel.RunAlone(_session, c), outputs[1].ToRows());
        Assert.Equal([2], _runs.ToArray());
    }

    [Fact]
    public async Task ForecastAsync_QueueFull_ThrowsWithRetryAfterAndQueuesNothing()
    {
        using var batcher = Create(new BatchingSettings(true, MaxBatchSize: 3, TimeSpan.FromSeconds(10), MaxQueueLength: 2, Workers: 1) { RetryAfter = TimeSpan.FromSeconds(2) });
        using var cancel = new CancellationTokenSource();
        var a = batcher.ForecastAsync(BatchTestModel.Input(1, 1), cancel.Token).AsTask();
        var b = batcher.ForecastAsync(BatchTestModel.Input(2, 1), cancel.Token).AsTask();

        var full = Assert.Throws<BatchQueueFullException>(() => batcher.ForecastAsync(BatchTestModel.Input(3, 1), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(2), full.RetryAfter);
        Assert.Equal(2, batcher.PendingWindows);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.WaitAsync(Wait));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.WaitAsync(Wait));
        batcher.Dispose();
        Assert.Empty(_runs);
    }

    [Fact]
    public async Task Dispose_CallsStillQueued_AreAnsweredFirst()
    {
        var batcher = Create(new BatchingSettings(true, MaxBatchSize: 8, TimeSpan.FromSeconds(10), MaxQueueLength: 100, Workers: 1));
        var input = BatchTestModel.Input(5, 2);
        var pending = batcher.ForecastAsync(input, CancellationToken.None).AsTask();

        batcher.Dispose();

        var output = await pending.WaitAsync(Wait);
        AssertSameAnswer(BatchTestModel.RunAlone(_session, input), output.ToRows());
        Assert.Throws<ObjectDisposedException>(() => batcher.ForecastAsync(input, CancellationToken.None));
    }

    /// <summary>
    /// Equal up to float rounding: ONNX Runtime may sum a row in a different order in a bigger batch, which moves the
    /// last bit; a row from another window is off by whole units.
    /// </summary>
    private static void AssertSameAnswer(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Math.Max(1e-3, Math.Abs(expected[i]) * 1e-5));
        }
    }

    private DynamicBatcher Create(BatchingSettings settings) =>
        new(_session, BatchTestModel.Signature, settings, TimeProvider.System, (size, _) => _runs.Enqueue(size));
}
