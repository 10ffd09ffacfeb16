using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Time;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2026-03-01", 2026, 3, 1, 0, 0)]
    [InlineData("2026-03-01T00:30:00", 2026, 3, 1, 30, 0)]
    [InlineData("2026-03-01T00:30:00Z", 2026, 3, 1, 30, 0)]
    [InlineData("2026-03-01T01:30:00+01:00", 2026, 3, 1, 90, 60)]
    public void TryParse_Iso8601_Parses(string text, int year, int month, int day, int minutes, int offsetMinutes)
    {
        Assert.True(Timestamps.TryParse(text, out var timestamp));
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.FromMinutes(offsetMinutes)).AddMinutes(minutes), timestamp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("03/01/2026")]
    [InlineData("2026-3-1")]
    [InlineData("2026-03-01 00:00:00")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    [InlineData(" 2026-03-01")]
    public void TryParse_NotStrictIso8601_Fails(string text)
    {
        Assert.False(Timestamps.TryParse(text, out _));
    }

    [Fact]
    public void Format_Utc_EndsWithZ()
    {
        Assert.Equal("2026-03-01T00:30:00Z", Timestamps.Format(new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.Zero)));
    }
}
