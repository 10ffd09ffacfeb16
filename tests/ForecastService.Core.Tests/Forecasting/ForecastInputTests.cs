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

    [Fact]
    public void WriteTo_WindowBackedInput_WritesStraightIntoBatchRowsAsTheArraysWouldHold()
    {
        var model = new ModelSignature("m", 1, lookback: 2, horizon: 1, Frequency.Parse("1h"), [0.5]);
        var t0 = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        var windows = new[]
        {
            new SeriesWindow("a", [1f, 2f], [t0, t0.AddHours(1)], [t0.AddHours(2)]),
            new SeriesWindow("b", [3f, 4f], [t0.AddHours(12), t0.AddHours(13)], [t0.AddHours(14)]),
            new SeriesWindow("c", [5f, 6f], [t0.AddHours(18), t0.AddHours(19)], [t0.AddHours(20)]),
        };
        var reference = ForecastInput.FromWindows(windows, model);
        var expectedPast = reference.PastCovariates;
        var expectedFuture = reference.FutureCovariates;

        // Windows b and c of a fresh input (nothing materialized) into rows 1 and 2 of a 4-row batch.
        var batched = ForecastInput.FromWindows(windows, model);
        var values = new float[4 * 2];
        var past = new float[4 * 2 * 4];
        var future = new float[4 * 1 * 4];
        batched.WriteTo(1, 2, values.AsSpan(2), past.AsSpan(8), future.AsSpan(4));

        Assert.Equal([0f, 0f, 3f, 4f, 5f, 6f, 0f, 0f], values);
        Assert.Equal(expectedPast[8..], past[8..24]);
        Assert.Equal(expectedFuture[4..], future[4..12]);
        Assert.All(past[..8].Concat(past[24..]), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void WriteTo_ArrayBackedInput_CopiesTheCallersArrays()
    {
        var input = new ForecastInput(batchSize: 2, lookback: 3, horizon: 1, covariates: 1);
        input.Values.AsSpan().Fill(7f);
        input.Values[3] = 9f;
        input.FutureCovariates[1] = 0.5f;
        var values = new float[3];
        var past = new float[3];
        var future = new float[1];

        input.WriteTo(1, 1, values, past, future);

        Assert.Equal([9f, 7f, 7f], values);
        Assert.Equal([0.5f], future);
    }

    [Fact]
    public void FromWindows_WindowShorterThanLookback_RefusedBeforeAnythingIsWritten()
    {
        var model = new ModelSignature("m", 1, lookback: 3, horizon: 1, Frequency.Parse("1h"), [0.5]);
        var t0 = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        SeriesWindow[] windows = [new("a", [1f, 2f], [t0, t0.AddHours(1)], [t0.AddHours(2)])];

        var error = Assert.Throws<ArgumentException>(() => ForecastInput.FromWindows(windows, model));

        Assert.Contains("lookback 3", error.Message, StringComparison.Ordinal);
    }
}
