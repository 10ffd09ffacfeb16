namespace ForecastService.Inference.Tests;

public sealed class OnnxSessionConcurrencyTests
{
    [Fact]
    public void Run_ManyThreadsOnOneSession_GiveTheSameResultsAsSequentialRuns()
    {
        const int inputs = 2, hidden = 16, seq = 24, threads = 8, runsPerThread = 40;
        using var session = OnnxSession.Load(TestModels.Lstm(inputs, hidden, seed: 5).AsSpan());

        // Different batch sizes per case, so a mix-up between concurrent calls could not go unnoticed.
        int[] batches = [1, 4, 7];
        var random = new Random(9);
        var cases = batches.Select(b => (Batch: b, X: TestModels.Uniform(random, seq * b * inputs, 2f))).ToArray();
        var expected = cases.Select(c => RunOnce(session, c.X, c.Batch)).ToArray();

        var mismatches = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var r = 0; r < runsPerThread; r++)
            {
                var k = (t + r) % cases.Length;
                if (!RunOnce(session, cases[k].X, cases[k].Batch).AsSpan().SequenceEqual(expected[k]))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Equal(0, mismatches);
        Assert.All(expected, e => Assert.Contains(e, v => v != 0));

        static float[] RunOnce(OnnxSession session, float[] x, int batch)
        {
            var yh = new float[batch * hidden];
            session.Run([new NamedTensor("X", x, [seq, batch, inputs])], [new NamedTensor("Y_h", yh, [1, batch, hidden])]);
            return yh;
        }
    }
}
