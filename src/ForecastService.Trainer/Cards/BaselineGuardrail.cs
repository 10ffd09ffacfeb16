using System.Globalization;
using ForecastService.Core.Models;

namespace ForecastService.Trainer.Cards;

/// <summary>
/// Compares a model's held-out MASE with naive's and seasonal naive's on the same windows and says the result in
/// words, for the trainer's refusal, the card and <c>inspect</c>.
/// </summary>
internal static class BaselineGuardrail
{
    /// <summary>
    /// Relative margin within which a model ties a baseline: a model that is the baseline (the anchor alone) differs
    /// from the baseline's own MASE only by float rounding between ONNX Runtime and the trainer.
    /// </summary>
    public const double Tie = 1e-4;

    /// <summary>The metrics with <see cref="HeldOutMetrics.SeasonalNaiveName"/> and <see cref="HeldOutMetrics.Verdict"/> filled in.</summary>
    public static HeldOutMetrics Judge(HeldOutMetrics metrics, string seasonalNaiveName)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var model = metrics.Model.Mase;
        var seasonal = metrics.SeasonalNaive.Mase;
        var naive = metrics.Naive?.Mase ?? double.NaN;
        var losses = new List<string>();
        if (Above(model, naive))
        {
            losses.Add(Format($"naive (last value): MASE {model:F3} vs {naive:F3}"));
        }

        if (Above(model, seasonal))
        {
            losses.Add(Format($"seasonal naive ({seasonalNaiveName}): MASE {model:F3} vs {seasonal:F3}"));
        }

        var verdict = losses.Count > 0
            ? Format($"the model loses to {string.Join(" and to ", losses)} on {metrics.Windows} held-out windows")
            : Format($"the model does not lose to naive (MASE {naive:F3}) or to seasonal naive ({seasonalNaiveName}, MASE {seasonal:F3}): MASE {model:F3} on {metrics.Windows} held-out windows");
        return metrics with { SeasonalNaiveName = seasonalNaiveName, Verdict = verdict };
    }

    /// <summary>True when the model's held-out MASE is above naive's or seasonal naive's.</summary>
    public static bool Loses(HeldOutMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return Above(metrics.Model.Mase, metrics.SeasonalNaive.Mase) || (metrics.Naive is { } naive && Above(metrics.Model.Mase, naive.Mase));
    }

    private static bool Above(double model, double baseline) => model > baseline * (1 + Tie);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
