using System.Numerics.Tensors;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Nn;

/// <summary>
/// Computes batch losses and gradients data-parallel and deterministically: a batch is cut into chunks of at most
/// <see cref="ChunkRows"/> windows (a split fixed by the batch, not by the thread count), chunk i always runs on
/// pass i into gradient buffer i, and the buffers are summed in chunk order. One thread or many, the bits are the same.
/// </summary>
internal sealed class GradientEngine
{
    /// <summary>Largest chunk: small enough to give two cores work at batch 64, large enough for efficient GEMMs.</summary>
    public const int ChunkRows = 32;

    private readonly ForecastNetwork _net;
    private readonly NetworkPass[] _passes;
    private readonly float[][] _gradients;
    private readonly double[] _losses;
    private readonly ParallelOptions _parallel;

    public GradientEngine(ForecastNetwork network, int maxBatch, int threads)
    {
        _net = network;
        var chunks = ChunksFor(Math.Max(1, maxBatch));
        _passes = new NetworkPass[chunks];
        _gradients = new float[chunks][];
        for (var c = 0; c < chunks; c++)
        {
            _passes[c] = new NetworkPass(network, Math.Min(ChunkRows, maxBatch));
            _gradients[c] = new float[network.ParameterCount];
        }

        _losses = new double[chunks];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? Environment.ProcessorCount : threads };
    }

    public ForecastNetwork Network => _net;

    public static int ChunksFor(int rows) => (rows + ChunkRows - 1) / ChunkRows;

    /// <summary>
    /// Writes into <paramref name="gradient"/> the gradient of the mean pinball loss of windows
    /// <c>rows[start .. start+count)</c> and returns that mean loss.
    /// </summary>
    public float ComputeGradient(WindowSet windows, int[]? rows, int start, int count, DropoutContext? dropout, Span<float> gradient)
    {
        var chunks = ChunksFor(count);
        if (chunks > _passes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The batch is larger than the engine was sized for.");
        }

        var horizon = _net.Config.Horizon;
        var quantiles = _net.Config.QuantileCount;
        var lossScale = 1f / ((float)count * horizon * quantiles);
        Parallel.For(0, chunks, _parallel, c =>
        {
            var chunkStart = start + (c * ChunkRows);
            var chunkCount = Math.Min(ChunkRows, count - (c * ChunkRows));
            var pass = _passes[c];
            pass.Forward(windows, rows, chunkStart, chunkCount, dropout);
            _losses[c] = pass.Loss(windows, rows, chunkStart);
            Array.Clear(_gradients[c]);
            pass.Backward(_gradients[c], lossScale);
        });
        _gradients[0].CopyTo(gradient);
        double loss = _losses[0];
        for (var c = 1; c < chunks; c++)
        {
            TensorPrimitives.Add(gradient, _gradients[c], gradient);
            loss += _losses[c];
        }

        return (float)(loss * lossScale);
    }

    /// <summary>Mean pinball loss (evaluation mode) over all windows of <paramref name="windows"/>; NaN when empty.</summary>
    public float Evaluate(WindowSet windows, CancellationToken cancellationToken = default)
    {
        if (windows.Count == 0)
        {
            return float.NaN;
        }

        var chunks = ChunksFor(windows.Count);
        var losses = new double[chunks];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _parallel.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            chunks,
            options,
            () => new NetworkPass(_net, ChunkRows),
            (c, _, pass) =>
            {
                var start = c * ChunkRows;
                pass.Forward(windows, null, start, Math.Min(ChunkRows, windows.Count - start), dropout: null);
                losses[c] = pass.Loss(windows, null, start);
                return pass;
            },
            _ => { });
        double total = 0;
        foreach (var l in losses)
        {
            total += l;
        }

        return (float)(total / ((double)windows.Count * _net.Config.Horizon * _net.Config.QuantileCount));
    }
}
