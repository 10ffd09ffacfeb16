using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Analysis;

public sealed class AnomalyTests
{
    private static readonly ModelSignature Model = new("river", 1, lookback: 3, horizon: 2, Frequency.Parse("1d"), [0.005, 0.1, 0.5, 0.9, 0.995]);
    private static readonly RequestLimits Limits = new(10, 1_000, 5_000);

    [Fact]
    public void Validate_StepTwo_ChecksEveryPointWithLookbackPlusOneBefore()
    {
        var result = AnomalyValidator.Validate(new AnomalyRequest { Step = 2, Series = [Series("a", 7)] }, Model, Limits, AnalysisLimits.Default);

        // Points 4, 5 and 6 have 3 + 1 points before them; each is forecast 2 steps ahead from origin t - 1.
        Assert.Equal([new(0, 3), new(0, 4), new(0, 5)], result.Plan!.ModelWindows);
        Assert.Equal(99, result.Plan.Level);
    }

    [Fact]
    public void Validate_ModelWithout99_DefaultsToWidestLevel()
    {
        var model = new ModelSignature("river", 1, 3, 2, Frequency.Parse("1d"), [0.05, 0.1, 0.5, 0.9, 0.95]);

        var result = AnomalyValidator.Validate(new AnomalyRequest { Series = [Series("a", 7)] }, model, Limits, AnalysisLimits.Default);

        Assert.Equal(90, result.Plan!.Level);
    }

    [Fact]
    public void Validate_SeriesTooShort_NamesSeriesAndPointsNeeded()
    {
        var result = AnomalyValidator.Validate(new AnomalyRequest { Step = 2, Series = [Series("pump-3", 4)] }, Model, Limits, AnalysisLimits.Default);

        // Lookback 3 + step 2 = 5.
        var message = Assert.Single(result.Errors["series[0].values"]);
        Assert.Contains("'pump-3'", message, StringComparison.Ordinal);
        Assert.Contains("at least 5", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Validate_StepOutsideHorizon_IsFieldError(int step)
    {
        var result = AnomalyValidator.Validate(new AnomalyRequest { Step = step, Series = [Series("a", 7)] }, Model, Limits, AnalysisLimits.Default);

        Assert.Contains("step", result.Errors.Keys);
        Assert.False(result.IsTooLarge);
    }

    [Fact]
    public void Validate_MoreCheckedPointsThanLimit_IsTooLarge()
    {
        // 2 series of 7 points check 4 each (step 1): 8 > 7.
        var result = AnomalyValidator.Validate(new AnomalyRequest { Series = [Series("a", 7), Series("b", 7)] }, Model, Limits, new AnalysisLimits(10, 7));

        Assert.True(result.IsTooLarge);
    }

    [Fact]
    public void Validate_ModelWithoutInterval_IsLevelError()
    {
        var model = new ModelSignature("river", 1, 3, 2, Frequency.Parse("1d"), [0.5]);

        var result = AnomalyValidator.Validate(new AnomalyRequest { Series = [Series("a", 7)] }, model, Limits, AnalysisLimits.Default);

        Assert.Contains("level", result.Errors.Keys);
    }

    [Fact]
    public void Scorer_StepTwo_ScoresSecondStepAndFlagsOnlyPointsOutside()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 8];
        var timestamps = Enumerable.Range(0, 7).Select(d => new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddDays(d)).ToArray();
        var plan = new AnomalyPlan(80, 2, [new AnalysisSeries("a", values, timestamps)], [new(0, 3), new(0, 4), new(0, 5)]);
        var scorer = new AnomalyScorer(plan, Model);

        // Quantiles (0.005, 0.1, 0.5, 0.9, 0.995); step 1 rows are decoys far from every value.
        // t = 4 (value 5): band [4, 6] -> inside. t = 5 (value 6): band [1, 3] -> 3 above a width of 2 = 1.5.
        // t = 6 (value 8): band [9, 13] -> 1 below a width of 4 = 0.25.
        var output = ForecastOutput.FromRows(3, 2, 5,
        [
            -99, -99, -99, -99, -99, 0, 4, 5, 6, 9,
            -99, -99, -99, -99, -99, 0, 1, 2, 3, 9,
            -99, -99, -99, -99, -99, 0, 9, 11, 13, 20,
        ]);
        for (var b = 0; b < 3; b++)
        {
            scorer.Add(plan.ModelWindows[b], output, b);
        }

        var series = Assert.Single(scorer.ToResponse().Series);
        Assert.Equal(3, series.Checked);
        Assert.Equal(["2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z", "2026-03-07T00:00:00Z"], series.Points.Select(p => p.Timestamp));
        Assert.Equal([0, 1.5, 0.25], series.Points.Select(p => p.Score));
        Assert.Equal([5f, 2f, 11f], series.Points.Select(p => p.Median));
        Assert.Collection(
            series.Anomalies,
            a => Assert.Equal(("2026-03-06T00:00:00Z", 6.0, 1.5, "above"), (a.Timestamp, a.Value, a.Score, a.Direction)),
            a => Assert.Equal(("2026-03-07T00:00:00Z", 8.0, 0.25, "below"), (a.Timestamp, a.Value, a.Score, a.Direction)));
    }

    private static SeriesInput Series(string id, int count) => new()
    {
        Id = id,
        Start = "2026-03-01",
        Values = [.. Enumerable.Range(1, count).Select(i => (double?)i)],
    };
}
