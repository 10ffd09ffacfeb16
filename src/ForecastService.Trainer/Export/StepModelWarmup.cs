using ForecastService.Core.Models;
using ForecastService.Trainer.Evaluation;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Export;

/// <summary>
/// Warms streams on windows through a step model, as the service does when a stream is created: each window's own
/// frozen scaling (<see cref="StreamScaling"/>), zero state, and the window's points fed in the given chunks. The
/// export check compares the result with the window model (one chunk) and with itself (several chunks).
/// </summary>
internal static class StepModelWarmup
{
    private const int BatchRows = 256;

    /// <summary>Forecasts [windows.Count, H, Q] after feeding each window's L points in chunks of the given lengths.</summary>
    /// <param name="model">The step model under test.</param>
    /// <param name="windows">The windows to warm on; each becomes one stream.</param>
    /// <param name="chunks">Lengths summing to the lookback, e.g. [L] or [1, 3, L − 4].</param>
    /// <param name="cancellationToken">Stops the runs inside ONNX Runtime.</param>
    public static float[] Warm(OnnxStepModel model, WindowSet windows, IReadOnlyList<int> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(chunks);
        int l = windows.Lookback, h = windows.Horizon, c = windows.CovariateCount;
        if (chunks.Sum() != l || chunks.Any(n => n < 1))
        {
            throw new ArgumentException($"Chunk lengths must be positive and sum to the lookback {l}.", nameof(chunks));
        }

        var perWindow = -1;
        float[] output = [];
        for (var start = 0; start < windows.Count; start += BatchRows)
        {
            var rows = Math.Min(BatchRows, windows.Count - start);
            var scale = Enumerable.Range(start, rows).Select(w => StreamScaling.Compute(windows.Values.AsSpan(w * l, l))).ToArray();
            var future = windows.FutureCovariates.AsSpan(start * h * c, rows * h * c).ToArray();
            var state = model.ZeroState(rows);
            float[] quantiles = [];
            var t0 = 0;
            foreach (var n in chunks)
            {
                var values = new float[rows * n];
                var past = new float[rows * n * c];
                for (var r = 0; r < rows; r++)
                {
                    windows.Values.AsSpan(((start + r) * l) + t0, n).CopyTo(values.AsSpan(r * n, n));
                    windows.PastCovariates.AsSpan((((start + r) * l) + t0) * c, n * c).CopyTo(past.AsSpan(r * n * c, n * c));
                }

                (quantiles, state) = model.Run(rows, n, values, past, future, scale, state, cancellationToken);
                t0 += n;
            }

            if (perWindow < 0)
            {
                perWindow = quantiles.Length / rows;
                output = new float[windows.Count * perWindow];
            }

            quantiles.CopyTo(output.AsSpan(start * perWindow));
        }

        return output;
    }
}
