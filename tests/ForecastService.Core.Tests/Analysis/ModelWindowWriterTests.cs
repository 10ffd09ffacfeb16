using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Analysis;

public sealed class ModelWindowWriterTests
{
    private static readonly ModelSignature Model = new("load", 1, lookback: 3, horizon: 2, Frequency.Parse("1h"), [0.1, 0.5, 0.9]);

    [Fact]
    public void Write_WindowAtOrigin_CopiesLookbackBeforeItAndCovariatesAround()
    {
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var series = new AnalysisSeries("a", [10, 11, 12, 13, 14, 15], [.. Enumerable.Range(0, 6).Select(h => start.AddHours(h))]);
        var writer = new ModelWindowWriter([series], Model);

        // Origin 6 is the series' end: the future covariates are those of hours 6 and 7, past the data.
        var input = writer.Write([new AnalysisWindow(0, 4), new AnalysisWindow(0, 6)], 0, 2);

        Assert.Equal([11f, 12f, 13f, 13f, 14f, 15f], input.Values);
        var expected = ForecastInput.FromWindows(
            [
                new SeriesWindow("x", [11, 12, 13], [start.AddHours(1), start.AddHours(2), start.AddHours(3)], [start.AddHours(4), start.AddHours(5)]),
                new SeriesWindow("y", [13, 14, 15], [start.AddHours(3), start.AddHours(4), start.AddHours(5)], [start.AddHours(6), start.AddHours(7)]),
            ],
            Model);
        Assert.Equal(expected.PastCovariates, input.PastCovariates);
        Assert.Equal(expected.FutureCovariates, input.FutureCovariates);
    }

    [Fact]
    public void Write_OriginWithoutLookbackBefore_Throws()
    {
        var series = new AnalysisSeries("a", [1, 2, 3, 4], [.. Enumerable.Range(0, 4).Select(h => DateTimeOffset.UnixEpoch.AddHours(h))]);

        Assert.Throws<ArgumentException>(() => new ModelWindowWriter([series], Model).Write([new AnalysisWindow(0, 2)], 0, 1));
    }
}
