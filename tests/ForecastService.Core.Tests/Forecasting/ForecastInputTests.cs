using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Forecasting;

public sealed class ForecastInputTests
{
    [Fact]
    public void FromWindows_TwoWindows_WritesRowMajorValuesAndCovariates()
    {
        var model = new ModelSignature("m", 1, lookback: 2, horizon: 1, Frequency.Parse("1h"), [0.5]);
        var t0 = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        var windows = new[]
        {
            new SeriesWindow("a", [1f, 2f], [t0, t0.AddHours(1)], [t0.AddHours(2)]),
            new SeriesWindow("b", [3f, 4f], [t0.AddHours(12), t0.AddHours(13)], [t0.AddHours(14)]),
        };

        var input = ForecastInput.FromWindows(windows, model);

        Assert.Equal([1f, 2f, 3f, 4f], input.Values);
        Assert.Equal([2L, 2, 4], input.PastCovariatesShape);
        Assert.Equal([2L, 1, 4], input.FutureCovariatesShape);

        // Monday 06:00 is a quarter through the day: time-of-day sin = 1, cos = 0 (computed by hand, not by CalendarFeatures).
        Assert.Equal(1f, input.PastCovariates[0], 5);
        Assert.Equal(0f, input.PastCovariates[1], 5);

        // Window b's future step is Monday 20:00: 20/24 of the day.
        var phase = 2 * Math.PI * 20 / 24;
        Assert.Equal((float)Math.Sin(phase), input.FutureCovariates[4], 5);
        Assert.Equal((float)Math.Cos(phase), input.FutureCovariates[5], 5);
    }
}
