using ForecastService.Core.Time;
using ForecastService.Trainer.Recipes;

namespace ForecastService.Trainer.Tests.Recipes;

public sealed class AutoRecipeTests
{
    [Theory]
    [InlineData("1h", 24, 5000, 336, new[] { 24, 168 })]
    [InlineData("30min", 48, 5000, 338, new[] { 48, 336 })]
    [InlineData("1d", 14, 5000, 56, new[] { 7 })]
    [InlineData("1bd", 10, 5000, 40, new[] { 5 })]
    [InlineData("1w", 13, 5000, 104, new[] { 52 })]
    [InlineData("1mo", 12, 5000, 48, new[] { 12 })]
    [InlineData("1q", 4, 68, 16, new[] { 4 })]
    [InlineData("1h", 24, 600, 96, new[] { 24 })]
    [InlineData("1bd", 10, 149, 37, new[] { 5 })]
    public void Resolve_FrequencyHorizonAndLength_GivesRuleLookbackAndPeriods(string frequency, int horizon, int length, int lookback, int[] periods)
    {
        var (actualLookback, actualPeriods) = AutoRecipe.Resolve(Frequency.Parse(frequency), horizon, length);

        Assert.Equal(lookback, actualLookback);
        Assert.Equal(periods, actualPeriods.Select(p => p.Length));
    }

    [Fact]
    public void Resolve_LookbackGiven_KeptWithOnlyThePeriodsThatFitIt()
    {
        // The rule alone would take 336 for hourly data with H = 24; a given 100 keeps the day and drops the week.
        var (lookback, periods) = AutoRecipe.Resolve(Frequency.Parse("1h"), 24, 5000, given: 100);

        Assert.Equal(100, lookback);
        Assert.Equal([24], periods.Select(p => p.Length));
    }

    [Fact]
    public void Strongest_WeeklyCycleDominates_PicksTheWeek()
    {
        // Hourly data whose pattern repeats weekly but not daily (each weekday has its own level).
        var x = Enumerable.Range(0, 24 * 7 * 8).Select(t => (double)((t / 24 % 7) * 10) + (t % 24)).ToArray();
        var periods = AutoRecipe.CandidatePeriods(Frequency.Parse("1h"));

        var strongest = AutoRecipe.Strongest(periods, [x], horizon: 24, share: 1.0);

        Assert.Equal(168, strongest!.Length);
        Assert.Equal("same hour last week", strongest.Name);
    }

    [Fact]
    public void Strongest_NoPeriods_IsNullSoSeasonalNaiveIsNaive()
    {
        Assert.Null(AutoRecipe.Strongest([], [[1.0, 2, 3]], horizon: 1, share: 1.0));
    }
}
