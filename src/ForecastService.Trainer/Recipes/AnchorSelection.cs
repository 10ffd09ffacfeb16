using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Recipes;

/// <summary>
/// Picks the classical forecast an anchored network corrects: the bank member (or the mean of the three best) with the
/// lowest mean absolute error in units of <see cref="AnchorScale"/> on windows before the held-out test split.
/// </summary>
internal static class AnchorSelection
{
    /// <summary>Members averaged by the combined candidate.</summary>
    public const int CombinedMembers = 3;

    public static (BankMember Best, IReadOnlyList<(string Name, double Error)> Errors) Choose(IReadOnlyList<BankMember> members, IReadOnlyList<WindowSet> windows)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(windows);
        if (members.Count == 0 || windows.Sum(w => w.Count) == 0)
        {
            throw new ArgumentException("Choosing an anchor needs at least one member and one window.");
        }

        var errors = members.Select(m => (Member: m, Error: Error(m.Weights, windows))).OrderBy(e => e.Error).ToList();
        if (errors.Count >= CombinedMembers)
        {
            var top = errors.Take(CombinedMembers).Select(e => e.Member).ToList();
            var weights = new float[top[0].Weights.Length];
            foreach (var m in top)
            {
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] += m.Weights[i] / CombinedMembers;
                }
            }

            var combined = new BankMember($"mean of {string.Join(", ", top.Select(m => m.Name))}", weights);
            errors.Add((combined, Error(weights, windows)));
            errors.Sort((a, b) => a.Error.CompareTo(b.Error));
        }

        return (errors[0].Member, [.. errors.Select(e => (e.Member.Name, e.Error))]);
    }

    /// <summary>Mean over all windows of the sets and their steps of |target − forecast| / d.</summary>
    public static double Error(float[] weights, IReadOnlyList<WindowSet> sets)
    {
        double sum = 0;
        long count = 0;
        foreach (var set in sets)
        {
            sum += Error(weights, set) * set.Count;
            count += set.Count;
        }

        return sum / count;
    }

    /// <summary>Mean over windows and steps of |target − forecast| / d; 0 for no windows.</summary>
    public static double Error(float[] weights, WindowSet windows)
    {
        if (windows.Count == 0)
        {
            return 0;
        }

        int l = windows.Lookback, h = windows.Horizon;
        var anchor = new ForecastAnchor("candidate", weights);
        var forecast = new float[h];
        double sum = 0;
        for (var w = 0; w < windows.Count; w++)
        {
            var x = windows.Values.AsSpan(w * l, l);
            anchor.Forecast(x, forecast);
            var unit = AnchorScale.Compute(x);
            var y = windows.Targets.AsSpan(w * h, h);
            for (var t = 0; t < h; t++)
            {
                sum += Math.Abs(y[t] - forecast[t]) / unit;
            }
        }

        return sum / ((double)windows.Count * h);
    }
}
