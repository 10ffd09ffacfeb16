namespace ForecastService.Inference.Tests;

public sealed class OnnxSessionCancellationTests
{
    private const int Size = 256;
    private const int Rows = 256;

    [Fact]
    public void Run_TokenAlreadyCancelled_ThrowsOperationCanceled()
    {
        using var session = OnnxSession.Load(TestModels.Add().AsSpan());
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            session.Run([new("X", new float[3], [1, 3]), new("Y", new float[3], [1, 3])], ["Z"], cts.Token));
    }

    [Fact]
    public void Run_CancelledWhileRunning_StopsWithOperationCanceledAndTheSessionStaysUsable()
    {
        // Two thousand nodes: far longer than the 20 ms after which the token fires. If cancellation did not
        // reach ORT, the run would complete and no exception would be thrown.
        using var session = OnnxSession.Load(TestModels.MatMulChain(Size, steps: 1000).AsSpan());
        var x = TestModels.Uniform(new Random(3), Rows * Size, 1f);
        var y = new float[Rows * Size];
        using var cts = new CancellationTokenSource();

        // Cancel from a dedicated thread: a timer-driven token fires on the thread pool, which parallel test classes
        // can starve for longer than the whole run takes.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(20);
            cts.Cancel();
        });
        canceller.Start();
        var ex = Assert.Throws<OperationCanceledException>(() =>
            session.Run([new NamedTensor("X", x, [Rows, Size])], [new NamedTensor("Y", y, [Rows, Size])], cts.Token));
        canceller.Join();
        Assert.Equal(cts.Token, ex.CancellationToken);

        // The session stays usable, and a later cancellable call (which may reuse pooled run options) runs to the
        // end. One row keeps it quick; the result must equal a run without any token.
        var row = x.AsMemory(0, Size);
        var expected = session.Run([new NamedTensor("X", row, [1, Size])], ["Y"])[0].Data;
        using var live = new CancellationTokenSource();
        var again = session.Run([new NamedTensor("X", row, [1, Size])], ["Y"], live.Token)[0].Data;
        Assert.Equal(expected, again);
    }

    [Fact]
    public void Run_CancellableTokenNotCancelled_CompletesNormally()
    {
        using var session = OnnxSession.Load(TestModels.Add().AsSpan());
        using var cts = new CancellationTokenSource();

        for (var i = 0; i < 3; i++)
        {
            var z = session.Run([new("X", new float[] { 1, 2, 3 }, [1, 3]), new("Y", new float[] { 1, 1, 1 }, [1, 3])], ["Z"], cts.Token);
            Assert.Equal([2f, 3f, 4f], z[0].Data);
        }
    }
}
