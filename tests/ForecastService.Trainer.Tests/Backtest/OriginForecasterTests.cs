using ForecastService.Core.Time;
using ForecastService.Trainer.Backtesting;
using ForecastService.Trainer.Evaluation;

namespace ForecastService.Trainer.Tests.Backtesting;

public sealed class OriginForecasterTests
{
    private const int Lookback = 3;
    private const int Horizon = 2;
    private static readonly double[] Quantiles = [0.1, 0.5, 0.9];
    private static readonly Frequency Daily = Frequency.Parse("1d");

    [Fact]
    public void Forecast_LastValueModel_HandComputedMaseCoverageAndSmape()
    {
        // Rows 1..8 = 1, 3, 2, 4, 6, 5, 9, 7 with H = 2 and K = 2: origin 1 sees rows 1..4, origin 2 rows 1..6.
        var series = BacktestSeriesFactory.Daily([1, 3, 2, 4, 6, 5, 9, 7], Horizon, origins: 2);
        using var forecaster = LastValueForecaster();

        var rows = forecaster.Forecast(series);
        var score = KitScorer.Score(series, rows);

        // Origin 1: last value 4, band [2, 6]; actuals 6, 5. Origin 2: last value 5, band [3, 7]; actuals 9, 7.
        Assert.Equal([4.0, 4, 5, 5], rows.Select(r => r.Q50));
        Assert.Equal([2.0, 2, 3, 3], rows.Select(r => r.Q10));
        Assert.Equal([6.0, 6, 7, 7], rows.Select(r => r.Q90));

        // Scale (lag 1) of rows 1..4: (2 + 1 + 2) / 3; of rows 1..6: (2 + 1 + 2 + 2 + 1) / 5.
        // MASE per origin: mean(|6 − 4|, |5 − 4|) / (5/3) = 0.9 and mean(|9 − 5|, |7 − 5|) / 1.6 = 1.875.
        Assert.Equal((0.9 + 1.875) / 2, score.Mase, 12);

        // 6 and 5 lie in [2, 6] (bounds count), 7 in [3, 7], 9 does not.
        Assert.Equal(0.75, score.Coverage80, 12);
        Assert.Equal(4.0, score.Width80, 12);
        Assert.Equal(((200.0 * 2 / 10) + (200.0 * 1 / 9) + (200.0 * 4 / 14) + (200.0 * 2 / 12)) / 4, score.Smape, 10);
        Assert.Equal(0, score.SortedRows);
    }

    [Fact]
    public void Forecast_RowsAtOrAfterEachOriginPoisoned_ThatOriginUnchangedAndFinite()
    {
        var values = Enumerable.Range(0, 40).Select(i => 50 + (10 * Math.Sin(i / 3.0))).ToArray();
        var clean = BacktestSeriesFactory.Daily(values, Horizon, origins: 5);
        using var forecaster = LastValueForecaster();
        var expected = forecaster.Forecast(clean);

        for (var k = 1; k <= clean.Origins.Length; k++)
        {
            // Every value the protocol hides from origin k becomes NaN; the model turns any NaN it sees into NaN.
            var poisoned = (double[])values.Clone();
            Array.Fill(poisoned, double.NaN, clean.Origins[k - 1], values.Length - clean.Origins[k - 1]);

            var actual = forecaster.Forecast(clean with { Values = poisoned });

            var atOrigin = actual.Where(r => r.Origin == k).ToArray();
            Assert.Equal(Horizon, atOrigin.Length);
            Assert.All(atOrigin, r => Assert.True(double.IsFinite(r.Q10) && double.IsFinite(r.Q50) && double.IsFinite(r.Q90), $"origin {k} saw a row at or after it"));
            Assert.Equal(expected.Where(r => r.Origin <= k), actual.Where(r => r.Origin <= k));
        }
    }

    [Fact]
    public void Forecast_OriginWithFewerRowsThanLookback_Refused()
    {
        var series = BacktestSeriesFactory.Daily([1, 2, 3, 4, 5, 6], Horizon, origins: 2);
        using var forecaster = LastValueForecaster();

        var error = Assert.Throws<ArgumentException>(() => forecaster.Forecast(series));

        Assert.Contains("origin 1 has 2 rows before it; the model reads 3", error.Message, StringComparison.Ordinal);
    }

    private static OriginForecaster LastValueForecaster()
    {
        var onnx = FixedModels.LastValuePlus(Lookback, Horizon, CalendarFeatures.For(Daily).Count, [-2f, 0f, 2f]);
        return new OriginForecaster(OnnxWindowModel.Load(onnx, Quantiles.Length), Lookback, Horizon, Daily, Quantiles);
    }
}
