namespace ForecastService.Trainer.Tests.Commands;

public sealed class TrainCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,x\n", 3, "value 'x' is not a number")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-01,2\n", 3, "duplicate timestamp")]
    [InlineData("timestamp,value\n2020-01-02,1\n2020-01-01,2\n", 3, "rows are not sorted")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,nan\n", 3, "not a finite number")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,\n", 3, "empty value")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020-01-02,2\n2020-01-04,4\n", 4, "gap of 1 missing step(s)")]
    [InlineData("timestamp,value\n2020-01-01,1\n2020/01/02,2\n", 3, "is not ISO-8601")]
    public void Train_BadCsv_ReportsFileAndLineAndWritesNothing(string content, int line, string problem)
    {
        var csv = _temp.Write("bad.csv", content);
        var models = Path.Combine(_temp.Path, "models");

        var (exitCode, _, error) = CommandRunner.Run(
            "train", "--name", "bad-model", "--domain", "sensor", "--description", "test", "--data", csv,
            "--lookback", "9", "--horizon", "2", "--epochs", "1", "--output", models);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{csv}, line {line}: ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(models));
    }

    [Fact]
    public void Train_DryRunWithConfigAndOverride_UsesOverrideAndWritesNothing()
    {
        var csv = _temp.Write("daily.csv", "timestamp,value\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{new DateTime(2020, 1, 1).AddDays(i):yyyy-MM-dd},{i % 7}\n")));
        var models = Path.Combine(_temp.Path, "models");
        var config = _temp.Write("config.json", $$"""
            {
              "name": "tiny", "domain": "sensor", "description": "test",
              "data": [ { "path": "{{csv}}", "source": "synthetic" } ],
              "lookback": 20, "horizon": 5, "output": "{{models}}"
            }
            """);

        var (exitCode, output, error) = CommandRunner.Run("train", "--config", config, "--horizon", "10", "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("1 series, 200 steps at 1d (seasonality 7)", output, StringComparison.Ordinal);
        Assert.Contains("(lookback 20, horizon 10)", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(models));
    }

    [Fact]
    public void Train_InvalidConfig_ListsEveryProblem()
    {
        var (exitCode, _, error) = CommandRunner.Run("train", "--name", "Bad Name", "--domain", "weather", "--description", "x", "--data", "missing.csv", "--cell", "tcn", "--dry-run");

        Assert.Equal(2, exitCode);
        Assert.Contains("name 'Bad Name'", error, StringComparison.Ordinal);
        Assert.Contains("domain 'weather'", error, StringComparison.Ordinal);
        Assert.Contains("cell 'tcn'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ConfigWithUnknownField_Refused()
    {
        var config = _temp.Write("config.json", """{ "name": "x", "hidden": 12 }""");

        var (exitCode, _, error) = CommandRunner.Run("train", "--config", config, "--dry-run");

        Assert.Equal(2, exitCode);
        Assert.Contains(config, error, StringComparison.Ordinal);
        Assert.Contains("hidden", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_MissingDataFile_NamesFile()
    {
        var missing = Path.Combine(_temp.Path, "nope.csv");

        var (exitCode, _, error) = CommandRunner.Run("train", "--name", "x", "--domain", "sensor", "--description", "x", "--data", missing, "--dry-run");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{missing}: file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_DryRunWithQuarterlyAlias_ReadsDataAtCanonicalFrequency()
    {
        var csv = _temp.Write("quarterly.csv", "timestamp,value\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{new DateTime(1990, 1, 1).AddMonths(3 * i):yyyy-MM-dd},{i % 4}\n")));

        var (exitCode, output, error) = CommandRunner.Run(
            "train", "--name", "q", "--domain", "sensor", "--description", "x", "--data", csv, "--frequency", "QS", "--lookback", "8", "--horizon", "4", "--dry-run");

        Assert.True(exitCode == 0, error);
        Assert.Contains("1 series, 60 steps at 1q (seasonality 4)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "auto: lookback 336, seasonal periods [24 (same hour yesterday), 168 (same hour last week)]")]
    [InlineData("--lookback 48", "auto: lookback 48, seasonal periods [24 (same hour yesterday)]")]
    [InlineData("--recipe plain", "(lookback 96, horizon 24)")]
    public void Train_DryRunOnHourlyData_RecipeChoosesLookbackUnlessGiven(string options, string expected)
    {
        var csv = _temp.Write("hourly.csv", Hourly(24 * 60));

        var (exitCode, output, error) = CommandRunner.Run(
            ["train", "--name", "h", "--domain", "sensor", "--description", "x", "--data", csv, "--horizon", "24", "--dry-run", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.True(exitCode == 0, error);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Equal(!options.Contains("plain", StringComparison.Ordinal), output.Contains("auto:", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_UnknownFrequencyName_ListsAcceptedNames()
    {
        var (exitCode, _, error) = CommandRunner.Run(
            "train", "--name", "x", "--domain", "sensor", "--description", "x", "--data", "any.csv", "--frequency", "fortnightly", "--dry-run");

        Assert.Equal(2, exitCode);
        Assert.Contains("frequency 'fortnightly'", error, StringComparison.Ordinal);
        Assert.Contains("business-daily", error, StringComparison.Ordinal);
        Assert.Contains("quarterly", error, StringComparison.Ordinal);
    }

    /// <summary>An hourly series with a daily rhythm, <paramref name="hours"/> rows from 2024-01-01.</summary>
    private static string Hourly(int hours) =>
        "timestamp,value\n" + string.Concat(Enumerable.Range(0, hours).Select(i => FormattableString.Invariant($"{new DateTime(2024, 1, 1).AddHours(i):yyyy-MM-ddTHH:mm:ss},{10 + Math.Sin(2 * Math.PI * i / 24):0.###}\n")));
}
