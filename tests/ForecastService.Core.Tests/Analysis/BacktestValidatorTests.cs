using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Analysis;

public sealed class BacktestValidatorTests
{
    private static readonly ModelSignature Model = new("load", 1, lookback: 4, horizon: 3, Frequency.Parse("1h"), [0.05, 0.1, 0.5, 0.9, 0.95]);
    private static readonly RequestLimits Limits = new(MaxSeries: 10, MaxPointsPerSeries: 1_000, MaxTotalPoints: 5_000);
    private static readonly AnalysisLimits AnalysisLimits = new(MaxWindows: 5, MaxModelWindows: 8);

    [Fact]
    public void Validate_TwoSeries_PlacesOriginsFromEachSeriesEnd()
    {
        var request = new BacktestRequest { Windows = 3, Step = 2, Series = [Series("a", 12), Series("b", 15)] };

        var result = BacktestValidator.Validate(request, Model, seasonality: 1, Limits, AnalysisLimits);

        Assert.NotNull(result.Plan);
        // a: 12 - 3 - (2 - k) * 2 = 5, 7, 9; b: 15 - 3 - (2 - k) * 2 = 8, 10, 12.
        Assert.Equal(
            [new(0, 5), new(0, 7), new(0, 9), new(1, 8), new(1, 10), new(1, 12)],
            result.Plan.ModelWindows);
        Assert.Equal(80, result.Plan.Level);
        Assert.Equal([1.0, 2.0, 3.0], result.Plan.Series[0].Values[..3]);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero), result.Plan.Series[0].Timestamps[11]);
    }

    [Fact]
    public void Validate_Defaults_TenWindowsStepIsHorizonLevel80()
    {
        var result = BacktestValidator.Validate(new BacktestRequest { Series = [Series("a", 40)] }, Model, 1, Limits, new AnalysisLimits(100, 100));

        Assert.NotNull(result.Plan);
        Assert.Equal(10, result.Plan.Windows);
        Assert.Equal(3, result.Plan.Step);
        Assert.Equal(3, result.Plan.Horizon);
        Assert.Equal(80, result.Plan.Level);
    }

    [Fact]
    public void Validate_ModelWithout80_DefaultsToWidestLevel()
    {
        var model = new ModelSignature("load", 1, 4, 3, Frequency.Parse("1h"), [0.025, 0.25, 0.5, 0.75, 0.975]);

        var result = BacktestValidator.Validate(new BacktestRequest { Windows = 1, Series = [Series("a", 10)] }, model, 1, Limits, AnalysisLimits);

        Assert.Equal(95, result.Plan!.Level);
    }

    [Fact]
    public void Validate_SeriesTooShort_NamesSeriesAndPointsNeeded()
    {
        // Needs 4 (lookback) + 3 (horizon) + (3 - 1) * 2 = 11 points; "b" has 10.
        var request = new BacktestRequest { Windows = 3, Step = 2, Series = [Series("a", 11), Series("b", 10)] };

        var result = BacktestValidator.Validate(request, Model, 1, Limits, AnalysisLimits);

        Assert.Null(result.Plan);
        Assert.False(result.IsTooLarge);
        var message = Assert.Single(result.Errors["series[1].values"]);
        Assert.Contains("'b'", message, StringComparison.Ordinal);
        Assert.Contains("has 10 values", message, StringComparison.Ordinal);
        Assert.Contains("at least 11", message, StringComparison.Ordinal);
        Assert.False(result.Errors.ContainsKey("series[0].values"));
    }

    [Fact]
    public void Validate_SeasonLongerThanLookback_NeedsSeasonPlusTwoBeforeFirstOrigin()
    {
        // Seasonality 6 > lookback 4: seasonal naive needs 6 + 2 = 8 points before the first origin, so 8 + 3 = 11.
        var result = BacktestValidator.Validate(new BacktestRequest { Windows = 1, Series = [Series("a", 10)] }, Model, 6, Limits, AnalysisLimits);

        Assert.Contains("at least 11", result.Errors["series[0].values"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Validate_WindowsOutOfRange_IsFieldError(int windows)
    {
        var result = BacktestValidator.Validate(new BacktestRequest { Windows = windows, Series = [Series("a", 40)] }, Model, 1, Limits, AnalysisLimits);

        Assert.False(result.IsTooLarge);
        Assert.Contains("windows", result.Errors.Keys);
    }

    [Fact]
    public void Validate_SeriesTimesWindowsOverLimit_IsTooLarge()
    {
        // 3 series x 3 windows = 9 model runs > 8.
        var request = new BacktestRequest { Windows = 3, Series = [Series("a", 40), Series("b", 40), Series("c", 40)] };

        var result = BacktestValidator.Validate(request, Model, 1, Limits, AnalysisLimits);

        Assert.True(result.IsTooLarge);
        Assert.Contains("series", result.Errors.Keys);
    }

    [Theory]
    [InlineData(4, null, null, "horizon")]
    [InlineData(null, 0, null, "step")]
    [InlineData(null, null, 95.0, "level")]
    [InlineData(null, null, 100.0, "level")]
    public void Validate_BadField_NamesIt(int? horizon, int? step, double? level, string field)
    {
        var request = new BacktestRequest { Windows = 1, Horizon = horizon, Step = step, Level = level, Series = [Series("a", 40)] };

        var result = BacktestValidator.Validate(request, Model, 1, Limits, AnalysisLimits);

        Assert.Null(result.Plan);
        Assert.Contains(field, result.Errors.Keys);
    }

    [Fact]
    public void Validate_NonFiniteValue_UsesForecastRulesWithField()
    {
        var series = Series("a", 20) with { Values = [.. Enumerable.Range(0, 20).Select(i => i == 7 ? double.NaN : (double?)i)] };

        var result = BacktestValidator.Validate(new BacktestRequest { Windows = 1, Series = [series] }, Model, 1, Limits, AnalysisLimits);

        Assert.Contains("series[0].values[7]", result.Errors.Keys);
    }

    private static SeriesInput Series(string id, int count) => new()
    {
        Id = id,
        Start = "2026-03-01T00:00:00Z",
        Values = [.. Enumerable.Range(1, count).Select(i => (double?)i)],
    };
}
