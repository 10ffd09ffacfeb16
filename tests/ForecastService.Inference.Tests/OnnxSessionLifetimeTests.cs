using System.Diagnostics;

namespace ForecastService.Inference.Tests;

/// <summary>
/// Leak checks: a leaked session, OrtValue or output buffer per cycle would grow the process by far more than the
/// generous bounds below over thousands of cycles.
/// </summary>
public sealed class OnnxSessionLifetimeTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void LoadRunDispose_ThousandsOfCycles_KeepMemoryBounded()
    {
        var model = TestModels.Add().ToArray();
        NamedTensor[] inputs = [new("X", new float[] { 1, 2, 3 }, [1, 3]), new("Y", new float[] { 4, 5, 6 }, [1, 3])];
        var z = new float[3];

        void Cycle()
        {
            using var session = OnnxSession.Load(model);
            session.Run(inputs, [new NamedTensor("Z", z, [1, 3])]);
        }

        var (managed, resident) = MeasureGrowth(Cycle, warmup: 200, cycles: 3000);

        Assert.Equal([5f, 7f, 9f], z);
        Assert.True(managed < 16 * MiB, $"managed heap grew by {managed / MiB} MiB");
        Assert.True(resident < 96 * MiB, $"resident set grew by {resident / MiB} MiB");
    }

    [Fact]
    public void Run_ThousandsOfCallsWithOrtAllocatedOutputs_KeepMemoryBounded()
    {
        // Each call returns a 240 KB output that ORT allocates and the binding must release: 3000 leaks would be 700 MB.
        const int batch = 20_000;
        using var session = OnnxSession.Load(TestModels.Add().AsSpan());
        var x = new float[batch * 3];
        var y = new float[batch * 3];
        y.AsSpan().Fill(1f);
        NamedTensor[] inputs = [new("X", x, [batch, 3]), new("Y", y, [batch, 3])];
        string[] outputs = ["Z"];
        float last = 0;

        void Cycle()
        {
            using var cts = new CancellationTokenSource();
            last = session.Run(inputs, outputs, cts.Token)[0].Data[^1];
        }

        var (managed, resident) = MeasureGrowth(Cycle, warmup: 100, cycles: 3000);

        Assert.Equal(1f, last);
        Assert.True(managed < 16 * MiB, $"managed heap grew by {managed / MiB} MiB");
        Assert.True(resident < 96 * MiB, $"resident set grew by {resident / MiB} MiB");
    }

    private static (long Managed, long Resident) MeasureGrowth(Action cycle, int warmup, int cycles)
    {
        for (var i = 0; i < warmup; i++)
        {
            cycle();
        }

        var (managedBefore, residentBefore) = Snapshot();
        for (var i = 0; i < cycles; i++)
        {
            cycle();
        }

        var (managedAfter, residentAfter) = Snapshot();
        return (managedAfter - managedBefore, residentAfter - residentBefore);
    }

    private static (long Managed, long Resident) Snapshot()
    {
        // Collect twice with finalizers in between, so SafeHandles dropped without Dispose would be counted as freed.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
