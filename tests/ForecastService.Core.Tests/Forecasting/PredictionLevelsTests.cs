using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Tests.Forecasting;

public sealed class PredictionLevelsTests
{
    [Fact]
    public void Available_SymmetricPairs_GiveTheirCoverage()
    {
        var levels = PredictionLevels.Available([0.025, 0.1, 0.5, 0.9, 0.975]);

        Assert.Equal([80.0, 95.0], levels);
    }

    [Fact]
    public void Available_UnpairedQuantile_GivesNoLevel()
    {
        Assert.Equal([90.0], PredictionLevels.Available([0.05, 0.1, 0.5, 0.95]));
    }

    [Theory]
    [InlineData(80, 0.1, 0.9)]
    [InlineData(95, 0.025, 0.975)]
    [InlineData(50, 0.25, 0.75)]
    public void QuantilesOf_Level_GivesCentralBand(double level, double lower, double upper)
    {
        var (l, u) = PredictionLevels.QuantilesOf(level);

        Assert.Equal(lower, l, 12);
        Assert.Equal(upper, u, 12);
    }
}
