using System.Globalization;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Forecasting;

public sealed class ForecastRequestValidatorTests
{
    private static readonly ModelSignature Model = new("load", 1, lookback: 4, horizon: 3, Frequency.Parse("1h"), [0.025, 0.1, 0.5, 0.9, 0.975]);
    private static readonly RequestLimits Limits = new(MaxSeries: 3, MaxPointsPerSeries: 10, MaxTotalPoints: 15);

    [Fact]
    public void Validate_LongerSeries_KeepsLastLookbackAndStepsOnFromLastTimestamp()
    {
        var request = Request(Series("a", Hours("2026-03-01T00:00:00Z", 6), [1, 2, 3, 4, 5, 6]));

        var result = ForecastRequestValidator.Validate(request, Model, Limits);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var window = Assert.Single(result.Plan!.Windows);
        Assert.Equal([3f, 4f, 5f, 6f], window.Values);
        Assert.Equal(At("2026-03-01T02:00:00Z"), window.PastTimestamps[0]);
        Assert.Equal([At("2026-03-01T06:00:00Z"), At("2026-03-01T07:00:00Z"), At("2026-03-01T08:00:00Z")], window.FutureTimestamps);
        Assert.Equal(3, result.Plan.Horizon);
        Assert.Equal([80.0, 95.0], result.Plan.Levels);
    }

    [Fact]
    public void Validate_Start_GivesSameWindowAsTimestamps()
    {
        var withStart = Request(new SeriesInput { Id = "a", Start = "2026-03-01T00:00:00+01:00", Values = [1, 2, 3, 4, 5] });
        var withTimestamps = Request(Series("a", Hours("2026-03-01T00:00:00+01:00", 5), [1, 2, 3, 4, 5]));

        var a = Assert.Single(ForecastRequestValidator.Validate(withStart, Model, Limits).Plan!.Windows);
        var b = Assert.Single(ForecastRequestValidator.Validate(withTimestamps, Model, Limits).Plan!.Windows);

        Assert.Equal(b.PastTimestamps, a.PastTimestamps);
        Assert.Equal(b.FutureTimestamps, a.FutureTimestamps);
        Assert.Equal(TimeSpan.FromHours(1), a.FutureTimestamps[0].Offset);
    }

    [Fact]
    public void Validate_NoId_UsesPosition()
    {
        var request = Request(Series(null, Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4]), Series(null, Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4]));

        var plan = ForecastRequestValidator.Validate(request, Model, Limits).Plan!;

        Assert.Equal(["0", "1"], plan.Windows.Select(w => w.Id));
    }

    [Fact]
    public void Validate_TooFewValues_NamesValuesAndLookback()
    {
        var result = ForecastRequestValidator.Validate(Request(Series("a", Hours("2026-03-01T00:00:00Z", 3), [1, 2, 3])), Model, Limits);

        AssertError(result, "series[0].values", "at least 4");
    }

    [Fact]
    public void Validate_LengthMismatch_NamesTimestamps()
    {
        var result = ForecastRequestValidator.Validate(Request(Series("a", Hours("2026-03-01T00:00:00Z", 5), [1, 2, 3, 4])), Model, Limits);

        AssertError(result, "series[0].timestamps", "one timestamp per value");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e300)]
    public void Validate_NonFiniteValue_NamesTheElement(double bad)
    {
        var result = ForecastRequestValidator.Validate(Request(Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, bad, 4])), Model, Limits);

        AssertError(result, "series[0].values[2]", "finite");
    }

    [Fact]
    public void Validate_NullValue_NamesTheElement()
    {
        var result = ForecastRequestValidator.Validate(Request(Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, null, 3, 4])), Model, Limits);

        AssertError(result, "series[0].values[1]", "null");
    }

    [Theory]
    [InlineData("2026-03-01T02:00:00Z", "2026-03-01 03:00", "ISO-8601")]
    [InlineData("2026-03-01T02:00:00Z", "2026-03-01T02:00:00Z", "repeats")]
    [InlineData("2026-03-01T02:00:00Z", "2026-03-01T01:30:00Z", "earlier")]
    [InlineData("2026-03-01T02:00:00Z", "2026-03-01T05:00:00Z", "resample")]
    [InlineData("2026-03-01T02:00:00Z", "2026-03-01T02:30:00Z", "resample")]
    public void Validate_BadFourthTimestamp_NamesTheElement(string third, string fourth, string hint)
    {
        var timestamps = new[] { "2026-03-01T00:00:00Z", "2026-03-01T01:00:00Z", third, fourth };

        var result = ForecastRequestValidator.Validate(Request(Series("a", timestamps, [1, 2, 3, 4])), Model, Limits);

        AssertError(result, "series[0].timestamps[3]", hint);
    }

    [Fact]
    public void Validate_BothTimestampsAndStart_NamesStart()
    {
        var series = Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4]) with { Start = "2026-03-01T00:00:00Z" };

        AssertError(ForecastRequestValidator.Validate(Request(series), Model, Limits), "series[0].start", "not both");
    }

    [Fact]
    public void Validate_NeitherTimestampsNorStart_NamesTimestamps()
    {
        AssertError(ForecastRequestValidator.Validate(Request(new SeriesInput { Id = "a", Values = [1, 2, 3, 4] }), Model, Limits), "series[0].timestamps", "start");
    }

    [Fact]
    public void Validate_ForecastPastYear9999_IsAFieldErrorNotACrash()
    {
        var series = new SeriesInput { Id = "a", Start = "9999-12-31T20:00:00Z", Values = [1, 2, 3, 4] };

        AssertError(ForecastRequestValidator.Validate(Request(series), Model, Limits), "series[0].timestamps", "9999");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void Validate_HorizonOutOfRange_NamesHorizon(int horizon)
    {
        var request = Request(Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4])) with { Horizon = horizon };

        AssertError(ForecastRequestValidator.Validate(request, Model, Limits), "horizon", "between 1 and 3");
    }

    [Theory]
    [InlineData(90, "cannot give")]
    [InlineData(0, "between 0 and 100")]
    [InlineData(100, "between 0 and 100")]
    public void Validate_UnavailableLevel_NamesLevelAndListsAvailable(double level, string hint)
    {
        var request = Request(Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4])) with { Levels = [80, level] };

        var result = ForecastRequestValidator.Validate(request, Model, Limits);

        AssertError(result, "levels[1]", hint);
        Assert.False(result.Errors.ContainsKey("levels[0]"));
    }

    [Fact]
    public void Validate_DuplicateIds_NamesSecond()
    {
        var request = Request(Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4]), Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4]));

        AssertError(ForecastRequestValidator.Validate(request, Model, Limits), "series[1].id", "own id");
    }

    [Fact]
    public void Validate_NoSeries_NamesSeries()
    {
        AssertError(ForecastRequestValidator.Validate(new ForecastRequest(), Model, Limits), "series", "at least one");
        AssertError(ForecastRequestValidator.Validate(new ForecastRequest { Series = [] }, Model, Limits), "series", "at least one");
    }

    [Fact]
    public void Validate_TooManySeries_IsTooLarge()
    {
        var one = Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4]);
        var request = Request(one, one with { Id = "b" }, one with { Id = "c" }, one with { Id = "d" });

        var result = ForecastRequestValidator.Validate(request, Model, Limits);

        Assert.True(result.IsTooLarge);
        AssertError(result, "series", "at most 3");
    }

    [Fact]
    public void Validate_TooManyPointsInOneSeries_IsTooLarge()
    {
        var values = Enumerable.Range(0, 11).Select(v => (double?)v).ToArray();
        var result = ForecastRequestValidator.Validate(Request(new SeriesInput { Id = "a", Start = "2026-03-01T00:00:00Z", Values = values }), Model, Limits);

        Assert.True(result.IsTooLarge);
        AssertError(result, "series[0].values", "at most 10");
    }

    [Fact]
    public void Validate_TooManyPointsInAll_IsTooLarge()
    {
        var values = Enumerable.Range(0, 8).Select(v => (double?)v).ToArray();
        var one = new SeriesInput { Id = "a", Start = "2026-03-01T00:00:00Z", Values = values };

        var result = ForecastRequestValidator.Validate(Request(one, one with { Id = "b" }), Model, Limits);

        Assert.True(result.IsTooLarge);
        AssertError(result, "series", "16 points");
    }

    [Fact]
    public void Validate_ManyBadSeries_CapsTheErrors()
    {
        var limits = new RequestLimits(1000, 10, 100_000);
        var bad = Enumerable.Range(0, 500).Select(i => new SeriesInput { Id = $"s{i}", Values = [1] }).ToArray();

        var result = ForecastRequestValidator.Validate(new ForecastRequest { Series = bad }, Model, limits);

        Assert.InRange(result.Errors.Count, 1, 20);
    }

    [Fact]
    public void Validate_RepeatedLevels_AnswersEachOnceInFirstAskedOrder()
    {
        var request = Request(Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4])) with { Levels = [95, 80, 95, 80.0000001, 95] };

        var result = ForecastRequestValidator.Validate(request, Model, Limits);

        Assert.Equal([95.0, 80.0], result.Plan!.Levels);
    }

    [Fact]
    public void Validate_MoreLevelsThanTheLimit_IsA400NamingTheSetting()
    {
        var request = Request(Series("a", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4])) with { Levels = [.. Enumerable.Repeat(80.0, 17)] };

        var result = ForecastRequestValidator.Validate(request, Model, Limits);

        Assert.False(result.IsTooLarge);
        AssertError(result, "levels", "RequestLimits:MaxLevels");
        AssertError(result, "levels", "17 entries");
    }

    [Theory]
    [InlineData(2, 1, true)]
    [InlineData(1, 2, true)]
    [InlineData(1, 1, false)]
    public void Validate_AnswerOverMaxResponseValues_IsTooLargeNamingTheSetting(int series, int levels, bool tooLarge)
    {
        // One series, 3 steps, 5 quantiles and one level answer 3 × (1 + 5 + 2 + 1) = 27 numbers.
        var limits = Limits with { MaxResponseValues = 27 };
        var all = new[] { 80.0, 95.0 };
        var request = new ForecastRequest
        {
            Levels = all[..levels],
            Series = [.. Enumerable.Range(0, series).Select(i => Series($"s{i}", Hours("2026-03-01T00:00:00Z", 4), [1, 2, 3, 4]))],
        };

        var result = ForecastRequestValidator.Validate(request, Model, limits);

        Assert.Equal(tooLarge, result.IsTooLarge);
        if (tooLarge)
        {
            AssertError(result, "$", "RequestLimits:MaxResponseValues");
        }
        else
        {
            Assert.True(result.IsValid);
        }
    }

    private static void AssertError(ForecastValidationResult result, string field, string hint)
    {
        Assert.False(result.IsValid);
        Assert.True(result.Errors.TryGetValue(field, out var messages), $"No error for {field}; got {string.Join(", ", result.Errors.Keys)}.");
        Assert.Contains(messages, m => m.Contains(hint, StringComparison.Ordinal));
    }

    private static ForecastRequest Request(params SeriesInput[] series) => new() { Series = series };

    private static SeriesInput Series(string? id, string[] timestamps, double?[] values) => new() { Id = id, Timestamps = timestamps, Values = values };

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static string[] Hours(string start, int count)
    {
        var first = At(start);
        return [.. Enumerable.Range(0, count).Select(i => first.AddHours(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))];
    }
}
