using System.Globalization;
using System.Text;
using ForecastService.Trainer.Tests.Commands;

namespace ForecastService.Trainer.Tests.Backtesting;

/// <summary>
/// The real command: a tiny rule trains a real model per series, ONNX Runtime forecasts every origin. Each run trains
/// a few seconds, so the runs are shared through <see cref="BacktestRunsFixture"/>.
/// </summary>
public sealed class BacktestCommandTests(BacktestRunsFixture runs) : IClassFixture<BacktestRunsFixture>
{
    [Fact]
    public void Backtest_Kit_WritesEveryOriginAndStepOfTheScoredSeries()
    {
        Assert.True(runs.Clean.ExitCode == 0, runs.Clean.Error + runs.Clean.Output);
        var lines = File.ReadAllLines(runs.CleanForecasts);

        Assert.Equal("series,origin_index,step,q10,q50,q90", lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToArray();
        Assert.Equal(BacktestRunsFixture.K * BacktestRunsFixture.H, rows.Length);
        Assert.All(rows, r => Assert.Equal("wave", r[0]));
        Assert.Equal(
            Enumerable.Range(1, BacktestRunsFixture.K).SelectMany(k => Enumerable.Range(1, BacktestRunsFixture.H).Select(j => $"{k},{j}")),
            rows.Select(r => $"{r[1]},{r[2]}"));
        Assert.All(rows, r =>
        {
            var q = r[3..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(q.All(double.IsFinite) && q[0] <= q[1] && q[1] <= q[2], string.Join(',', r));
        });
    }

    [Fact]
    public void Backtest_SeriesFileMissing_ReportedNotScoredOthersScored()
    {
        Assert.Contains("NOT SCORED lost: ", runs.Clean.Output, StringComparison.Ordinal);
        Assert.Contains("file not found", runs.Clean.Output, StringComparison.Ordinal);

        // The table row of the scored series carries its baseline from ../baselines.csv and the ratio to it.
        var row = runs.Clean.Output.Split('\n').Single(l => l.Contains("│ wave ", StringComparison.Ordinal));
        Assert.Contains("│ 1.234 ", row, StringComparison.Ordinal);
        Assert.Contains("geometric mean (1)", runs.Clean.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_RowsAfterOrigin1Changed_Origin1ForecastsUnchanged()
    {
        // Training may see rows 1..train_n(1) only, and origin 1 reads nothing later: with every later row replaced
        // by noise its forecasts must not move. Later origins read the noise, so theirs must move (the change reaches
        // the model at all). K·H is 37% of the series, so rows after origin 1 would fall in the trainer's training
        // split if they leaked (its validation and test splits are its last 30%), and noise, unlike a rescaling,
        // survives the per-window scaling. The tolerance is float rounding: two ONNX Runtime sessions of the same
        // model can answer the same window differently in the last bits (about 1e-7 relative seen here), while a
        // leak moves forecasts by percents.
        Assert.True(runs.Poisoned.ExitCode == 0, runs.Poisoned.Error + runs.Poisoned.Output);
        var clean = Quantiles(runs.CleanForecasts);
        var poisoned = Quantiles(runs.PoisonedForecasts);

        Assert.True(LargestRelativeChange(clean, poisoned, origin: 1) < 1e-5, $"origin 1 moved by {LargestRelativeChange(clean, poisoned, 1):G3}");
        Assert.True(LargestRelativeChange(clean, poisoned, origin: 3) > 1e-2, $"origin 3 moved by only {LargestRelativeChange(clean, poisoned, 3):G3}");
    }

    [Fact]
    public void Backtest_OwnCsv_HorizonTimesOriginsRowsPerSeries()
    {
        Assert.True(runs.OwnCsv.ExitCode == 0, runs.OwnCsv.Error + runs.OwnCsv.Output);
        var lines = File.ReadAllLines(runs.OwnCsvForecasts)[1..];

        Assert.Equal(2 * 3 * 5, lines.Length);
        Assert.Equal(["a", "b"], lines.Select(l => l.Split(',')[0]).Distinct());
        Assert.Contains("training on rows 1..90", runs.OwnCsv.Output, StringComparison.Ordinal);

        // No kit, so naive and seasonal naive are computed on the same origins and stand beside the model.
        Assert.Contains("│ naive ", runs.OwnCsv.Output, StringComparison.Ordinal);
        Assert.Contains("│ / snaive ", runs.OwnCsv.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backtest --output x.csv", "give either --kit DIR or --data FILE")]
    [InlineData("backtest --data x.csv --output x.csv", "--data needs --horizon H and --origins K")]
    [InlineData("backtest --kit . --horizon 3 --output x.csv", "--horizon and --origins are for --data")]
    [InlineData("backtest --kit .", "--output FILE is required")]
    public void Backtest_BadArguments_ConfigError(string args, string message)
    {
        var (exitCode, _, error) = CommandRunner.Run(args.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static Dictionary<(int Origin, int Step), double[]> Quantiles(string path) =>
        File.ReadAllLines(path)[1..].Select(l => l.Split(',')).ToDictionary(
            f => (int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)),
            f => f[3..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    private static double LargestRelativeChange(Dictionary<(int Origin, int Step), double[]> a, Dictionary<(int Origin, int Step), double[]> b, int origin) =>
        a.Where(p => p.Key.Origin == origin).SelectMany(p => p.Value.Zip(b[p.Key], (x, y) => Math.Abs(x - y) / Math.Max(Math.Abs(x), 1e-9))).Max();
}

/// <summary>Runs the backtest command three times on generated data: a kit, the kit with rows after origin 1 replaced, and a CSV.</summary>
public sealed class BacktestRunsFixture : IDisposable
{
    public const int N = 150;
    public const int H = 7;
    public const int K = 8;
    private const string Rule = """{ "hiddenSize": 4, "epochs": 2, "batchSize": 32, "threads": 1, "seed": 5, "chartWindows": 0 }""";
    private readonly TempDirectory _temp = new();

    public BacktestRunsFixture()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, N).Select(t => Math.Round(20 + (5 * Math.Sin(2 * Math.PI * t / 7)) + random.NextDouble(), 3)).ToArray();
        var rule = _temp.Write("rule.json", Rule);
        const string Baselines = "\"series\",\"method\",\"MASE\"\n\"wave\",\"snaive\",1.234\n";

        var clean = KitFiles.Write(_temp, "clean", [new("wave", values, M: 7, H, L: 14, K), new("lost", values, M: 7, H, L: 14, K, WriteFile: false)], Baselines);
        CleanForecasts = Path.Combine(_temp.Path, "clean.csv");
        Clean = CommandRunner.Run("backtest", "--kit", clean, "--output", CleanForecasts, "--config", rule);

        var origin1 = N - H - ((K - 1) * H);
        var noise = new Random(99);
        var replaced = values.Select((v, t) => t < origin1 ? v : Math.Round(100 * noise.NextDouble(), 3)).ToArray();
        var poisoned = KitFiles.Write(_temp, "poisoned", [new("wave", replaced, M: 7, H, L: 14, K)]);
        PoisonedForecasts = Path.Combine(_temp.Path, "poisoned.csv");
        Poisoned = CommandRunner.Run("backtest", "--kit", poisoned, "--output", PoisonedForecasts, "--config", rule);

        var csv = new StringBuilder("series_id,timestamp,value\n");
        foreach (var id in new[] { "a", "b" })
        {
            for (var t = 0; t < 105; t++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{id},{new DateTime(2024, 1, 1).AddDays(t):yyyy-MM-dd},{values[t]}\n");
            }
        }

        var own = _temp.Write("own.csv", csv.ToString());
        OwnCsvForecasts = Path.Combine(_temp.Path, "own-forecasts.csv");
        var lookbackRule = _temp.Write("rule-lookback.json", Rule.Replace("{", "{ \"lookback\": 14,", StringComparison.Ordinal));
        OwnCsv = CommandRunner.Run("backtest", "--data", own, "--horizon", "5", "--origins", "3", "--output", OwnCsvForecasts, "--config", lookbackRule);
    }

    public (int ExitCode, string Output, string Error) Clean { get; }

    public string CleanForecasts { get; }

    public (int ExitCode, string Output, string Error) Poisoned { get; }

    public string PoisonedForecasts { get; }

    public (int ExitCode, string Output, string Error) OwnCsv { get; }

    public string OwnCsvForecasts { get; }

    public void Dispose() => _temp.Dispose();
}
