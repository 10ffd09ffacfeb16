using ForecastService.Core.Evaluation;

namespace ForecastService.Core.Tests.Evaluation;

public sealed class EmpiricalQuantileTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 9.0)]
    [InlineData(0.5, 4.0)]
    [InlineData(0.1, 1.8)] // position 0.4 between 1 and 3
    [InlineData(0.9, 7.8)] // position 3.6 between 6 and 9: 6 + 0.6 * 3
    public void OfUnsorted_FiveValues_InterpolatesLikeRType7(double level, double expected)
    {
        double[] sample = [6, 1, 9, 4, 3];

        Assert.Equal(expected, EmpiricalQuantile.OfUnsorted(sample, level), 12);
    }

    [Fact]
    public void OfUnsorted_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => EmpiricalQuantile.OfUnsorted(Span<double>.Empty, 0.5));
    }
}
