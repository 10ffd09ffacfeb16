using ForecastService.Core.Analysis;

namespace ForecastService.Core.Tests.Analysis;

public sealed class IntervalScoreTests
{
    [Theory]
    [InlineData(9, 8, 10)]
    [InlineData(8, 8, 10)]
    [InlineData(10, 8, 10)]
    public void Score_InsideOrOnBound_IsZero(double value, double lower, double upper)
    {
        Assert.Equal(0, IntervalScore.Score(value, lower, upper));
    }

    [Fact]
    public void Score_Above_IsDistanceOverWidth()
    {
        // 2 above an interval 2 wide: one width out.
        Assert.Equal(1.0, IntervalScore.Score(12, 8, 10), 12);
    }

    [Fact]
    public void Score_Below_IsDistanceOverWidth()
    {
        // 3 below an interval 4 wide.
        Assert.Equal(0.75, IntervalScore.Score(5, 8, 12), 12);
    }

    [Fact]
    public void Score_ZeroWidthInterval_IsLargeButFinite()
    {
        // The width counts as 1e-6 * max(1, |bound|) = 1e-4 here, so a miss of 1 scores 1e4.
        var score = IntervalScore.Score(101, 100, 100);

        Assert.True(double.IsFinite(score));
        Assert.Equal(1e4, score, 6);
    }
}
