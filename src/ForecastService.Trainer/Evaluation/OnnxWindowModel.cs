using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Evaluation;

/// <summary>
/// Runs an exported window model (the contract in models/README.md) through ONNX Runtime on a <see cref="WindowSet"/>,
/// the same way the service does. Must be disposed.
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
        var output = new float[windows.Count * h * q];
        for (var start = 0; start < windows.Count; start += BatchRows)
        {
            var rows = Math.Min(BatchRows, windows.Count - start);
            NamedTensor[] inputs =
            [
                new(ModelContract.ValuesInput, windows.Values.AsMemory(start * l, rows * l), [rows, l]),
                new(ModelContract.PastCovariatesInput, windows.PastCovariates.AsMemory(start * l * c, rows * l * c), [rows, l, c]),
                new(ModelContract.FutureCovariatesInput, windows.FutureCovariates.AsMemory(start * h * c, rows * h * c), [rows, h, c]),
            ];
            NamedTensor[] outputs = [new(ModelContract.QuantilesOutput, output.AsMemory(start * h * q, rows * h * q), [rows, h, q])];
            _session.Run(inputs, outputs, cancellationToken);
        }

        return output;
    }

    public void Dispose() => _session.Dispose();

    // One intra-op thread, as the service is configured by default: results are then the same from run to run.
    private static OnnxSessionOptions Options() => new() { ExecutionProvider = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 };
}
