using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Tests.Nn;

/// <summary>Builds window sets for tests: random ones, and a learnable noisy daily-seasonal hourly signal.</summary>
internal static class SyntheticWindows
{
    /// <summary>Independent random values, covariates and targets at the given level and spread.</summary>
    public static WindowSet Random(int count, int lookback, int horizon, int covariates, int seed, float level = 0f, float spread = 1f)
    {
        var rng = new Random(seed);
        float Next() => (float)((rng.NextDouble() * 2) - 1);
        var values = new float[count * lookback];
        var past = new float[count * lookback * covariates];
        var future = new float[count * horizon * covariates];
        var targets = new float[count * horizon];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = level + (spread * Next());
        }

        for (var i = 0; i < past.Length; i++)
        {
            past[i] = Next();
        }

        for (var i = 0; i < future.Length; i++)
        {
            future[i] = Next();
        }

        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = level + (spread * Next());
        }

        return new WindowSet(count, lookback, horizon, covariates, values, past, future, targets, new int[count]);
    }

    /// <summary>
    /// Hourly series y_t = level + amplitude·(sin(2πh/24) + 0.5·sin(4πh/24 + 1) + a_t + noise·ε_t), where a_t is a
    /// slowly wandering AR(1) level (φ = 0.97) that seasonal naive cannot follow but a model of recent values can;
    /// several series of different levels and amplitudes, cut into windows; covariates are sin/cos of the hour of day. Returns the windows in
    /// chronological order per series so a caller can split train and validation.
    /// </summary>
    public static (WindowSet Train, WindowSet Validation) Seasonal(int series, int length, int lookback, int horizon, float noise, int seed)
    {
        var rng = new Random(seed);
        var trainRows = new List<(float[] Series, int Start, int Index)>();
        var validationRows = new List<(float[] Series, int Start, int Index)>();
        for (var s = 0; s < series; s++)
        {
            var level = 10f + (90f * (float)rng.NextDouble());
            var amplitude = level * (0.1f + (0.3f * (float)rng.NextDouble()));
            var y = new float[length];
            var wander = 0f;
            for (var t = 0; t < length; t++)
            {
                var hour = t % 24;
                var seasonal = MathF.Sin(2 * MathF.PI * hour / 24) + (0.5f * MathF.Sin((4 * MathF.PI * hour / 24) + 1));
                wander = (0.97f * wander) + (0.1f * Gaussian(rng));
                y[t] = level + (amplitude * (seasonal + wander + (noise * Gaussian(rng))));
            }

            var windows = length - lookback - horizon + 1;
            var split = (int)(windows * 0.8);
            for (var start = 0; start < windows; start += 3)
            {
                (start < split ? trainRows : validationRows).Add((y, start, s));
            }
        }

        return (Build(trainRows, lookback, horizon), Build(validationRows, lookback, horizon));
    }

    private static WindowSet Build(List<(float[] Series, int Start, int Index)> rows, int lookback, int horizon)
    {
        const int C = 2;
        var n = rows.Count;
        var values = new float[n * lookback];
        var past = new float[n * lookback * C];
        var future = new float[n * horizon * C];
        var targets = new float[n * horizon];
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            var (y, start, s) = rows[i];
            Array.Copy(y, start, values, i * lookback, lookback);
            Array.Copy(y, start + lookback, targets, i * horizon, horizon);
            for (var t = 0; t < lookback; t++)
            {
                Hour(start + t, past.AsSpan(((i * lookback) + t) * C, C));
            }

            for (var t = 0; t < horizon; t++)
            {
                Hour(start + lookback + t, future.AsSpan(((i * horizon) + t) * C, C));
            }

            index[i] = s;
        }

        return new WindowSet(n, lookback, horizon, C, values, past, future, targets, index);
    }

    private static void Hour(int t, Span<float> destination)
    {
        var angle = 2 * MathF.PI * (t % 24) / 24;
        destination[0] = MathF.Sin(angle);
        destination[1] = MathF.Cos(angle);
    }

    private static float Gaussian(Random rng)
    {
        var u1 = 1 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
