using System.Globalization;
using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.OnnxWriting;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// A tiny window model that honours the contract and whose answer a test can compute by hand:
/// quantile q at step h = mean + std * (z[q] + 0.5 * future_covariates[h, 0]), where mean and std are the window's
/// population statistics and z are fixed offsets. Real ONNX Runtime runs it.
/// </summary>
public sealed record FixtureModel(string Name, int Version, int Lookback, int Horizon, string Frequency, double[] Quantiles)
{
    public string Domain { get; init; } = "energy";

    /// <summary>The card's season length (seasonal naive and MASE in backtests).</summary>
    public int Seasonality { get; init; } = 1;

    /// <summary>When set, the card claims this lookback while the graph keeps <see cref="Lookback"/>.</summary>
    public int? CardLookback { get; init; }

    /// <summary>The name of the values input; anything but <c>values</c> breaks the contract.</summary>
    public string ValuesInputName { get; init; } = ModelContract.ValuesInput;

    /// <summary>
    /// When set, the graph reshapes its values through [-1, 2 * lookback], which ONNX Runtime refuses at run time for an
    /// odd batch: the trial run (batch 2) passes, a one-series request fails inside ONNX Runtime.
    /// </summary>
    public bool FailsOnOddBatch { get; init; }

    /// <summary>Offsets z per quantile: the normal quantile rounded, e.g. -1.28 for 0.1.</summary>
    public float[] Offsets => [.. Quantiles.Select(q => (float)Math.Round(NormalQuantile(q), 2))];

    public static FixtureModel Hourly(string name = "energy-load", int version = 1) => new(name, version, 24, 6, "1h", [0.1, 0.5, 0.9]);

    public ModelCard Card() => new()
    {
        Name = Name,
        Version = Version,
        Domain = Domain,
        Description = $"Fixture model {Name} for tests",
        Lookback = CardLookback ?? Lookback,
        Horizon = Horizon,
        Frequency = Frequency,
        Seasonality = Seasonality,
        Quantiles = Quantiles,
        Cell = "lstm",
        Covariates = CalendarFeatures.For(Core.Time.Frequency.Parse(Frequency)).Names,
        Metrics = new HeldOutMetrics(10, new ForecastMetrics(0.8, 10, 5, 0.8, 20), new ForecastMetrics(1, 12, 6, 0.7, 25)),
    };

    public byte[] Onnx()
    {
        var covariates = CalendarFeatures.For(Core.Time.Frequency.Parse(Frequency));
        var c = covariates.Count;
        var g = new OnnxGraphBuilder(Name);
        g.AddInput(ValuesInputName, TensorElementType.Float, "batch", Lookback);
        g.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, "batch", Lookback, c);
        g.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, "batch", Horizon, c);
        g.AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, "batch", Horizon, Quantiles.Length);

        g.AddInitializer("axis2", [2L], 1);
        g.AddInitializer("start0", [0L], 1);
        g.AddInitializer("end1", [1L], 1);
        g.AddInitializer("half", [0.5f], 1);
        g.AddInitializer("offsets", Offsets, 1, 1, Quantiles.Length);

        var values = ValuesInputName;
        if (FailsOnOddBatch)
        {
            g.AddInitializer("pairs", [-1L, 2L * Lookback], 2);
            g.AddInitializer("rows", [-1L, Lookback], 2);
            g.AddNode("Reshape", [values, "pairs"], ["paired"]);
            g.AddNode("Reshape", ["paired", "rows"], ["unpaired"]);
            values = "unpaired";
        }

        g.AddNode("ReduceMean", [values], ["mean"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        g.AddNode("Sub", [values, "mean"], ["diff"]);
        g.AddNode("Mul", ["diff", "diff"], ["sq"]);
        g.AddNode("ReduceMean", ["sq"], ["var"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        g.AddNode("Sqrt", ["var"], ["std"]);
        g.AddNode("Unsqueeze", ["mean", "axis2"], ["mean3"]);
        g.AddNode("Unsqueeze", ["std", "axis2"], ["std3"]);
        g.AddNode("Slice", [ModelContract.FutureCovariatesInput, "start0", "end1", "axis2"], ["cov0"]);
        g.AddNode("Mul", ["cov0", "half"], ["halfcov"]);
        g.AddNode("Add", ["halfcov", "offsets"], ["z"]);
        g.AddNode("Mul", ["z", "std3"], ["spread"]);
        g.AddNode("Add", ["mean3", "spread"], [ModelContract.QuantilesOutput]);

        // Past covariates are part of the contract but this fixture does not need them; an unused input is still valid ONNX.
        var metadata = new Dictionary<string, string>
        {
            [ModelContract.Metadata.ContractVersion] = "1",
            [ModelContract.Metadata.Name] = Name,
            [ModelContract.Metadata.Version] = Version.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Domain] = Domain,
            [ModelContract.Metadata.Lookback] = Lookback.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Horizon] = Horizon.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Frequency] = Frequency,
            [ModelContract.Metadata.Quantiles] = string.Join(",", Quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture))),
            [ModelContract.Metadata.Covariates] = string.Join(",", covariates.Names),
        };
        return g.Build(new OnnxModelOptions { OpsetVersion = 17, Metadata = metadata }).ToArray();
    }

    /// <summary>The fixture's answer computed in plain C#: what the graph should give for one window.</summary>
    public float[,] Expected(IReadOnlyList<double> window, IReadOnlyList<DateTimeOffset> future)
    {
        var mean = window.Average();
        var std = Math.Sqrt(window.Sum(v => (v - mean) * (v - mean)) / window.Count);
        var freq = Core.Time.Frequency.Parse(Frequency);
        var result = new float[future.Count, Quantiles.Length];
        for (var h = 0; h < future.Count; h++)
        {
            var cov0 = FirstCovariate(freq, future[h]);
            for (var q = 0; q < Quantiles.Length; q++)
            {
                result[h, q] = (float)(mean + (std * (Offsets[q] + (0.5 * cov0))));
            }
        }

        return result;
    }

    /// <summary>The first calendar covariate, written out from its definition (not from CalendarFeatures).</summary>
    private static double FirstCovariate(Frequency frequency, DateTimeOffset t)
    {
        var clock = t.DateTime;
        var dayFraction = clock.TimeOfDay.TotalDays;
        var monday = ((int)clock.DayOfWeek + 6) % 7;
        var position = frequency.Unit switch
        {
            FrequencyUnit.Minute or FrequencyUnit.Hour => dayFraction,
            FrequencyUnit.Day => (monday + dayFraction) / 7.0,
            FrequencyUnit.BusinessDay => Math.Min(monday, 4) / 5.0,
            FrequencyUnit.Week => (clock.DayOfYear - 1 + dayFraction) / 365.25,
            _ => (clock.Month - 1) / 12.0,
        };
        return Math.Sin(2 * Math.PI * position);
    }

    private static double NormalQuantile(double p)
    {
        // Good to 1e-3, enough for fixture offsets (Acklam's rational approximation, central region only).
        if (Math.Abs(p - 0.5) < 1e-12)
        {
            return 0;
        }

        var sign = p < 0.5 ? -1 : 1;
        var t = Math.Sqrt(-2 * Math.Log(Math.Min(p, 1 - p)));
        return sign * (t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t))));
    }
}
