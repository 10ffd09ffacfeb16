using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Forecasting;

public sealed class ModelSignatureTests
{
    [Fact]
    public void Constructor_NoMedianQuantile_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ModelSignature("m", 1, 4, 2, Frequency.Parse("1h"), [0.1, 0.9]));
    }

    [Fact]
    public void Constructor_DescendingQuantiles_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ModelSignature("m", 1, 4, 2, Frequency.Parse("1h"), [0.9, 0.5, 0.1]));
    }

    [Fact]
    public void Constructor_Quantiles_KeysAndMedianIndex()
    {
        var model = new ModelSignature("m", 1, 4, 2, Frequency.Parse("1h"), [0.05, 0.5, 0.95]);

        Assert.Equal(["0.05", "0.5", "0.95"], model.QuantileKeys);
        Assert.Equal(1, model.MedianIndex);
        Assert.Equal([90.0], model.Levels);
        Assert.Equal(4, model.CovariateCount);
    }
}
