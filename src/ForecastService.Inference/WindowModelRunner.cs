using System.Buffers;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;

namespace ForecastService.Inference;

/// <summary>
/// Runs a window model (the contract in models/README.md): binds values, past and future covariates and the quantile
/// output by their contract names, straight over the caller's buffers, so a run copies nothing. The one place that
/// shapes a window model's tensors; the service's forecasters and batcher, the trainer's checks and the benchmarks
/// all run window models through it. Thread-safe, like the session it wraps (which it does not own).
/// </summary>
public sealed class WindowModelRunner
{
    private readonly OnnxSession _session;

    public WindowModelRunner(OnnxSession session, int lookback, int horizon, int covariates, int quantileCount)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(covariates);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantileCount, 1);
        _session = session;
        Lookback = lookback;
        Horizon = horizon;
        Covariates = covariates;
        QuantileCount = quantileCount;
    }

    /// <summary>A runner for a model version the service loaded with <paramref name="signature"/>.</summary>
    public WindowModelRunner(OnnxSession session, ModelSignature signature)
        : this(session, (signature ?? throw new ArgumentNullException(nameof(signature))).Lookback, signature.Horizon, signature.CovariateCount, signature.Quantiles.Count)
    {
    }

    public int Lookback { get; }

    public int Horizon { get; }

    public int Covariates { get; }

    public int QuantileCount { get; }

    /// <summary>Floats one window's forecast takes in the output: horizon × quantiles.</summary>
    public int OutputRowLength => Horizon * QuantileCount;

    public string ExecutionProvider => _session.ExecutionProvider;

    /// <summary>
    /// Runs <paramref name="rows"/> windows: <paramref name="values"/> [rows, L], <paramref name="pastCovariates"/>
    /// [rows, L, C], <paramref name="futureCovariates"/> [rows, H, C], into <paramref name="quantiles"/> [rows, H, Q].
    /// Each buffer holds exactly those rows (slice pooled buffers to the batch).
    /// </summary>
    /// <exception cref="ArgumentException">A buffer's length does not match its shape.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed.</exception>
    public void Run(int rows, Memory<float> values, Memory<float> pastCovariates, Memory<float> futureCovariates, Memory<float> quantiles, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ReadOnlySpan<NamedTensor> inputs =
        [
            new(ModelContract.ValuesInput, values, [rows, Lookback]),
            new(ModelContract.PastCovariatesInput, pastCovariates, [rows, Lookback, Covariates]),
            new(ModelContract.FutureCovariatesInput, futureCovariates, [rows, Horizon, Covariates]),
        ];
        ReadOnlySpan<NamedTensor> outputs = [new(ModelContract.QuantilesOutput, quantiles, [rows, Horizon, QuantileCount])];
        _session.Run(inputs, outputs, cancellationToken);
    }

    /// <summary>
    /// One run over the input's own arrays: ONNX Runtime writes a pooled buffer, which is taken once into the answer's
    /// columns (see <see cref="ForecastOutput"/>).
    /// </summary>
    public ForecastOutput Run(ForecastInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var length = input.BatchSize * OutputRowLength;
        var rows = ArrayPool<float>.Shared.Rent(length);
        try
        {
            Run(input.BatchSize, input.Values, input.PastCovariates, input.FutureCovariates, rows.AsMemory(0, length), cancellationToken);
            return ForecastOutput.FromRows(input.BatchSize, Horizon, QuantileCount, rows.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
        }
    }
}
