using System.Globalization;
using System.Text;
using ForecastService.Core.Models;

namespace ForecastService.Trainer.Tests.Commands;

/// <summary>The trainer refuses models that lose to naive or seasonal naive on their held-out windows, unless told.</summary>
public sealed class GuardrailTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Train_WeakConfigOnTrendingWalk_RefusedWithBothNumbersAndNothingWritten()
    {
        var models = Path.Combine(_temp.Path, "models");

        var (exitCode, _, error) = CommandRunner.Run([.. WeakTraining(models)]);

        Assert.Equal(4, exitCode);
        Assert.Matches(@"loses to naive \(last value\): MASE \d+\.\d{3} vs \d+\.\d{3}", error);
        Assert.Contains("--allow-worse-than-baseline", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(models, "weak", "1")));
    }

    [Fact]
    public void Train_WeakConfigWithAllowFlag_WrittenAndCardAndInspectSayItLoses()
    {
        var models = Path.Combine(_temp.Path, "models");

        var (exitCode, output, error) = CommandRunner.Run([.. WeakTraining(models), "--allow-worse-than-baseline"]);

        Assert.True(exitCode == 0, error);
        Assert.Contains("warning: the model loses to naive (last value)", output, StringComparison.Ordinal);
        var card = ModelCardSerializer.Load(Path.Combine(models, "weak", "1", ModelContract.CardFileName));
        Assert.StartsWith("the model loses to naive (last value): MASE", card.Metrics!.Verdict, StringComparison.Ordinal);
        Assert.True(card.Metrics.Model.Mase > card.Metrics.Naive!.Mase);
        var (inspectExit, inspected, _) = CommandRunner.Run("inspect", Path.Combine(models, "weak", "1"));
        Assert.Equal(0, inspectExit);
        Assert.Contains("the model loses to naive (last value)", inspected, StringComparison.Ordinal);
        Assert.Contains("naive (last value)", inspected, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_AutoRecipeOnTrendingWalk_WrittenWithoutFlagAndCardNamesItsAnchor()
    {
        var models = Path.Combine(_temp.Path, "models");

        var (exitCode, output, error) = CommandRunner.Run(
            "train", "--name", "auto", "--domain", "finance", "--description", "test", "--data", TrendingWalk(), "--recipe", "auto",
            "--horizon", "5", "--hidden", "4", "--epochs", "2", "--threads", "1", "--seed", "1", "--output", models, "--quiet");

        Assert.True(exitCode == 0, error + output);
        var card = ModelCardSerializer.Load(Path.Combine(models, "auto", "1", ModelContract.CardFileName));
        Assert.StartsWith("the model does not lose to naive", card.Metrics!.Verdict, StringComparison.Ordinal);
        Assert.StartsWith("auto: ", card.Recipe, StringComparison.Ordinal);
        Assert.Equal(20, card.Lookback);
    }

    [Fact]
    public void Train_AutoModelLosesOnHeldOutWindows_FallsBackToSeasonalNaiveAndIsWrittenWithoutFlag()
    {
        var models = Path.Combine(_temp.Path, "models");

        var (exitCode, output, error) = CommandRunner.Run(
            "train", "--name", "shift", "--domain", "sensor", "--description", "test", "--data", WeeklyRhythmAtTheEnd(),
            "--horizon", "7", "--hidden", "4", "--epochs", "2", "--threads", "1", "--seed", "1", "--output", models, "--quiet");

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("fallback: the model lost on the held-out windows", output, StringComparison.Ordinal);
        var card = ModelCardSerializer.Load(Path.Combine(models, "shift", "1", ModelContract.CardFileName));
        Assert.StartsWith("auto: seasonal naive (same weekday last week) (fallback: ", card.Recipe, StringComparison.Ordinal);
        Assert.StartsWith("the model does not lose to naive", card.Metrics!.Verdict, StringComparison.Ordinal);
        Assert.Equal(card.Metrics.SeasonalNaive.Mase, card.Metrics.Model.Mase, 3);
    }

    private List<string> WeakTraining(string models) =>
    [
        // A learning rate of 1e-7 leaves the plain network at its initial forecast, the window mean: far behind naive on a trend.
        "train", "--name", "weak", "--domain", "finance", "--description", "test", "--data", TrendingWalk(), "--recipe", "plain",
        "--lookback", "20", "--horizon", "5", "--hidden", "2", "--epochs", "1", "--learning-rate", "0.0000001",
        "--threads", "1", "--seed", "1", "--output", models, "--quiet",
    ];

    /// <summary>
    /// 400 days of noise around a constant whose last 90 days take on a strong weekly rhythm: every classical forecast
    /// chosen on the earlier windows (a mean or a smoothing) loses to same-weekday-last-week on the held-out ones.
    /// </summary>
    private string WeeklyRhythmAtTheEnd()
    {
        var random = new Random(5);
        var csv = new StringBuilder("timestamp,value\n");
        var day = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var t = 0; t < 400; t++)
        {
            var rhythm = t >= 310 ? 10.0 * ((int)day.AddDays(t).DayOfWeek - 3) : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{day.AddDays(t):yyyy-MM-dd},{50 + rhythm + random.NextDouble():F3}\n");
        }

        return _temp.Write("shift.csv", csv.ToString());
    }

    /// <summary>A business-day random walk with a strong upward drift: 240 points.</summary>
    private string TrendingWalk()
    {
        var random = new Random(11);
        var csv = new StringBuilder("timestamp,value\n");
        var day = new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        var level = 100.0;
        for (var t = 0; t < 240; t++)
        {
            level += 1 + (random.NextDouble() - 0.5);
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{level:F3}\n");
            do
            {
                day = day.AddDays(1);
            }
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        }

        return _temp.Write("walk.csv", csv.ToString());
    }
}
