namespace ForecastService.Trainer.Recipes;

/// <summary>
/// Classical forecasts that are fixed linear maps of a window (each an [H, L] matrix, so one MatMul in the graph):
/// naive, seasonal naive at each period, the mean of the last seasons, simple exponential smoothing (SES) at a few
/// smoothing constants, drift, Theta (SES plus half the drift), SES of the seasonal differences and SES of the
/// seasonally adjusted window. Each member is written as a function of the window and turned into its matrix by
/// feeding it the unit vectors, which is exact because every member is linear.
/// </summary>
internal static class ClassicalBank
{
    private const string NaiveName = "naive (last value)";

    private static readonly double[] SesAlphas = [0.1, 0.2, 0.3, 0.5];

    /// <summary>Every member for windows of <paramref name="lookback"/> values, horizon and the usable seasonal periods.</summary>
    public static IReadOnlyList<BankMember> Members(int lookback, int horizon, IReadOnlyList<SeasonalPeriod> periods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var members = new List<(string Name, Action<double[], double[]> Forecast)>
        {
            (NaiveName, Naive),
            ("drift", (x, f) => Drift(x, f, 1.0)),
            ("window mean", (x, f) => Array.Fill(f, x.Average())),
        };
        foreach (var alpha in SesAlphas)
        {
            members.Add(($"SES alpha {alpha:0.0}", (x, f) => Array.Fill(f, Ses(x, alpha))));
        }

        members.Add(("Theta (SES alpha 0.2 + half drift)", (x, f) => Theta(x, f, 0.2)));
        members.Add(("Theta (SES alpha 0.5 + half drift)", (x, f) => Theta(x, f, 0.5)));
        foreach (var period in periods)
        {
            var p = period.Length;
            if (p < 2 || p > lookback)
            {
                continue;
            }

            members.Add(($"seasonal naive ({period.Name})", (x, f) => SeasonalNaive(x, f, p)));
            var cycles = Math.Min(4, lookback / p);
            if (cycles >= 2)
            {
                members.Add(($"mean of the last {cycles} seasons of {p}", (x, f) => SeasonalMean(x, f, p, cycles, levelShift: false)));
                members.Add(($"mean of the last {cycles} seasons of {p}, shifted to the last season's level", (x, f) => SeasonalMean(x, f, p, cycles, levelShift: true)));
                members.Add(($"SES alpha 0.3 of the window adjusted by its seasonal indices of {p}", (x, f) => SeasonallyAdjustedSes(x, f, p, cycles, 0.3)));
            }

            if (lookback - p >= 4)
            {
                members.Add(($"seasonal naive ({p}) + SES alpha 0.2 of the seasonal differences", (x, f) => SeasonalDifferenceSes(x, f, p, 0.2)));
            }
        }

        return [.. members.Select(m => new BankMember(m.Name, Matrix(m.Forecast, lookback, horizon)))];
    }

    /// <summary>
    /// The baseline the guardrail compares with as a member: naive for <paramref name="period"/> 1, else seasonal naive
    /// at it (<paramref name="name"/> in words, e.g. "same hour yesterday").
    /// </summary>
    public static BankMember Baseline(int lookback, int horizon, int period, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(period, lookback);
        return period == 1
            ? new BankMember(NaiveName, Matrix(Naive, lookback, horizon))
            : new BankMember($"seasonal naive ({name})", Matrix((x, f) => SeasonalNaive(x, f, period), lookback, horizon));
    }

    private static void Naive(double[] x, double[] f) => Array.Fill(f, x[^1]);

    /// <summary>[H, L] weights of a linear forecast function: column t is the forecast of the t-th unit window.</summary>
    private static float[] Matrix(Action<double[], double[]> forecast, int lookback, int horizon)
    {
        var weights = new float[horizon * lookback];
        var unit = new double[lookback];
        var f = new double[horizon];
        for (var t = 0; t < lookback; t++)
        {
            Array.Clear(unit);
            unit[t] = 1;
            forecast(unit, f);
            for (var h = 0; h < horizon; h++)
            {
                weights[(h * lookback) + t] = (float)f[h];
            }
        }

        return weights;
    }

    /// <summary>SES level at the end of <paramref name="x"/>: weights α(1−α)^j on x[^(j+1)], renormalized to sum 1 over the window.</summary>
    private static double Ses(ReadOnlySpan<double> x, double alpha)
    {
        double sum = 0;
        double weights = 0;
        var w = alpha;
        for (var j = x.Length - 1; j >= 0; j--)
        {
            sum += w * x[j];
            weights += w;
            w *= 1 - alpha;
        }

        return sum / weights;
    }

    private static void Drift(double[] x, double[] f, double share)
    {
        var slope = (x[^1] - x[0]) / (x.Length - 1);
        for (var h = 0; h < f.Length; h++)
        {
            f[h] = x[^1] + (share * slope * (h + 1));
        }
    }

    private static void Theta(double[] x, double[] f, double alpha)
    {
        var level = Ses(x, alpha);
        var slope = (x[^1] - x[0]) / (x.Length - 1);
        for (var h = 0; h < f.Length; h++)
        {
            f[h] = level + (0.5 * slope * (h + 1));
        }
    }

    private static void SeasonalNaive(double[] x, double[] f, int p)
    {
        for (var h = 0; h < f.Length; h++)
        {
            f[h] = x[x.Length - p + (h % p)];
        }
    }

    private static void SeasonalMean(double[] x, double[] f, int p, int cycles, bool levelShift)
    {
        var l = x.Length;
        var shift = 0.0;
        if (levelShift)
        {
            shift = x.AsSpan(l - p).ToArray().Average() - x.AsSpan(l - (cycles * p)).ToArray().Average();
        }

        for (var h = 0; h < f.Length; h++)
        {
            double sum = 0;
            for (var c = 1; c <= cycles; c++)
            {
                sum += x[l - (c * p) + (h % p)];
            }

            f[h] = (sum / cycles) + shift;
        }
    }

    private static void SeasonallyAdjustedSes(double[] x, double[] f, int p, int cycles, double alpha)
    {
        var l = x.Length;
        var span = cycles * p;
        var overall = x.AsSpan(l - span).ToArray().Average();
        var index = new double[p];
        for (var phase = 0; phase < p; phase++)
        {
            double sum = 0;
            for (var c = 1; c <= cycles; c++)
            {
                sum += x[l - (c * p) + phase];
            }

            index[phase] = (sum / cycles) - overall;
        }

        // Phase of position t counted so that position l − p + k has phase k.
        var adjusted = new double[l];
        for (var t = 0; t < l; t++)
        {
            adjusted[t] = x[t] - index[(((t - (l - p)) % p) + p) % p];
        }

        var level = Ses(adjusted, alpha);
        for (var h = 0; h < f.Length; h++)
        {
            f[h] = level + index[h % p];
        }
    }

    private static void SeasonalDifferenceSes(double[] x, double[] f, int p, double alpha)
    {
        var l = x.Length;
        var differences = new double[l - p];
        for (var t = p; t < l; t++)
        {
            differences[t - p] = x[t] - x[t - p];
        }

        var growth = Ses(differences, alpha);
        for (var h = 0; h < f.Length; h++)
        {
            f[h] = x[l - p + (h % p)] + (growth * ((h / p) + 1));
        }
    }
}

/// <summary>One classical forecast of the bank.</summary>
/// <param name="Name">What it forecasts, for people.</param>
/// <param name="Weights">[H, L] row-major weights on the window's values, oldest first.</param>
internal sealed record BankMember(string Name, float[] Weights);
