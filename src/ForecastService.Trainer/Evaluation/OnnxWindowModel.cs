using ForecastService.Inference;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Evaluation;

/// <summary>
/// An exported window model (the contract in models/README.md) loaded for the trainer's checks and backtests: runs a
/// <see cref="WindowSet"/> through <see cref="WindowModelRunner"/>, the runner the service forecasts with, in
/// batches. Must be disposed.
/// </summary>
internal sealed class OnnxWindowModel : IDisposable
{
    private const int BatchRows = 256;
    private readonly OnnxSession _session;
    private readonly int _quantileCount;

    private OnnxWindowModel(OnnxSession session, int quantileCount)
    {
        _session = session;
        _quantileCount = quantileCount;
    }

    public static OnnxWindowModel Load(ReadOnlySpan<byte> model, int quantileCount) => new(OnnxSession.Load(model, Options()), quantileCount);

    public static OnnxWindowModel Load(string path, int quantileCount) => new(OnnxSession.Load(path, Options()), quantileCount);

    public IReadOnlyDictionary<string, string> Metadata => _session.CustomMetadata;

    /// <summary>Raw quantiles [Count, Horizon, Q], run in batches of at most <see cref="BatchRows"/> windows.</summary>
    public float[] Predict(WindowSet windows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(windows);
        int l = windows.Lookback, h = windows.Horizon, c = windows.CovariateCount, q = _quantileCount;
        var runner = new WindowModelRunner(_session, l, h, c, q);
        var output = new float[windows.Count * h * q];
        for (var start = 0; start < windows.Count; start += BatchRows)
        {
            var rows = Math.Min(BatchRows, windows.Count - start);
            runner.Run(
                rows,
                windows.Values.AsMemory(start * l, rows * l),
                windows.PastCovariates.AsMemory(start * l * c, rows * l * c),
                windows.FutureCovariates.AsMemory(start * h * c, rows * h * c),
                output.AsMemory(start * h * q, rows * h * q),
                cancellationToken);
        }

        return output;
    }

    public void Dispose() => _session.Dispose();

    // One intra-op thread, as the service is configured by default: results are then the same from run to run.
    private static OnnxSessionOptions Options() => new() { ExecutionProvider = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 };
}
