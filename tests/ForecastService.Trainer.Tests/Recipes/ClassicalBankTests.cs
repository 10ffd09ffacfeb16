using ForecastService.Trainer.Recipes;

namespace ForecastService.Trainer.Tests.Recipes;

public sealed class ClassicalBankTests
{
    private const int Lookback = 12;
    private const int Horizon = 5;
    private static readonly SeasonalPeriod Four = new(4, "same quarter last year");

    [Fact]
    public void Members_Naive_RepeatsTheLastValue()
    {
        var naive = Member("naive (last value)");

        Assert.Equal([10, 10, 10, 10, 10], Apply(naive, Ramp()));
    }

    [Fact]
    public void Members_SeasonalNaive_RepeatsTheLastSeasonBeyondOneSeason()
    {
        var seasonal = Member("seasonal naive (same quarter last year)");

        // Window 0..11 (+ 0): the last season is 8, 9, 10, 11; step 5 wraps to the season's first value again.
        Assert.Equal([8, 9, 10, 11, 8], Apply(seasonal, Ramp(offset: 0, slope: 1, first: 0)));
    }

    [Fact]
    public void Baseline_PeriodOneIsNaive_LongerPeriodIsSeasonalNaiveNamedInWords()
    {
        var naive = ClassicalBank.Baseline(Lookback, Horizon, 1, "last value");
        var seasonal = ClassicalBank.Baseline(Lookback, Horizon, 4, "same quarter last year");

        Assert.Equal("naive (last value)", naive.Name);
        Assert.Equal([10, 10, 10, 10, 10], Apply(naive, Ramp()));
        Assert.Equal("seasonal naive (same quarter last year)", seasonal.Name);
        Assert.Equal([8, 9, 10, 11, 8], Apply(seasonal, Ramp(offset: 0, slope: 1, first: 0)));
    }

    [Fact]
    public void Members_Drift_ExtendsTheLineThroughFirstAndLastValue()
    {
        var drift = Member("drift");

        // y_t = 3 + 2t for t = 0..11: the drift forecast continues it exactly.
        Assert.Equal([27, 29, 31, 33, 35], Apply(drift, Ramp(offset: 3, slope: 2, first: 0)).Select(v => Math.Round(v, 4)));
    }

    [Theory]
    [InlineData("SES alpha 0.1")]
    [InlineData("SES alpha 0.5")]
    [InlineData("window mean")]
    [InlineData("Theta (SES alpha 0.2 + half drift)")]
    [InlineData("mean of the last 3 seasons of 4")]
    [InlineData("mean of the last 3 seasons of 4, shifted to the last season's level")]
    [InlineData("SES alpha 0.3 of the window adjusted by its seasonal indices of 4")]
    [InlineData("seasonal naive (4) + SES alpha 0.2 of the seasonal differences")]
    public void Members_ConstantWindow_ForecastTheConstant(string name)
    {
        // Every member is a weighted average of the window plus terms in its differences: a flat window stays flat.
        var constant = Enumerable.Repeat(7.0, Lookback).ToArray();

        Assert.All(Apply(Member(name), constant), f => Assert.Equal(7, f, 4));
    }

    [Fact]
    public void Members_SesHighAlpha_WeighsRecentValuesMost()
    {
        var ses = Member("SES alpha 0.5");

        // Weights α(1−α)^j renormalized over 12 values: the last value gets 0.5 / (1 − 0.5^12).
        Assert.Equal(0.5 / (1 - Math.Pow(0.5, 12)), ses.Weights[Lookback - 1], 5);
        Assert.Equal(0.25 / (1 - Math.Pow(0.5, 12)), ses.Weights[Lookback - 2], 5);
    }

    [Fact]
    public void Members_SeasonalMeanOnPureSeason_ReproducesTheSeason()
    {
        var season = new[] { 1.0, 5, 2, 8 };
        var window = Enumerable.Range(0, Lookback).Select(t => season[t % 4]).ToArray();

        Assert.Equal([1, 5, 2, 8, 1], Apply(Member("mean of the last 3 seasons of 4"), window).Select(v => Math.Round(v, 4)));
        Assert.Equal([1, 5, 2, 8, 1], Apply(Member("SES alpha 0.3 of the window adjusted by its seasonal indices of 4"), window).Select(v => Math.Round(v, 4)));
    }

    [Fact]
    public void Members_PeriodLongerThanLookback_IsLeftOut()
    {
        var members = ClassicalBank.Members(Lookback, Horizon, [new SeasonalPeriod(24, "same hour yesterday")]);

        Assert.DoesNotContain(members, m => m.Name.Contains("24", StringComparison.Ordinal));
    }

    private static BankMember Member(string name) =>
        ClassicalBank.Members(Lookback, Horizon, [Four]).Single(m => m.Name == name);

    private static double[] Ramp(double offset = -1, double slope = 1, int first = 0) =>
        [.. Enumerable.Range(first, Lookback).Select(t => offset + (slope * t))];

    private static double[] Apply(BankMember member, double[] window)
    {
        var forecast = new double[Horizon];
        for (var h = 0; h < Horizon; h++)
        {
            for (var t = 0; t < Lookback; t++)
            {
                forecast[h] += member.Weights[(h * Lookback) + t] * window[t];
            }
        }

        return forecast;
    }
}
