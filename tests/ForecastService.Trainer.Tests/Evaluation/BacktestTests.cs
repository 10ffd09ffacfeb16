using ForecastService.Trainer.Data;
using ForecastService.Trainer.Evaluation;

namespace ForecastService.Trainer.Tests.Evaluation;

public sealed class BacktestTests
{
    private static readonly double[] Quantiles = [0.1, 0.5, 0.9];

    [Fact]
    public void Score_RandomWalkWindow_MatchesHandComputedModelAndNaive()
    {
        // History 0..5 = [0, 1, 3, 2, 6, 5]; lookback 4 sees [3, 2, 6, 5]; targets [7, 4].
        var series = Series([0, 1, 3, 2, 6, 5, 7, 4]);
        WindowOrigin[] windows = [new(0, 6)];

        // Model: quantiles (0.1, 0.5, 0.9) per step: step 1 (4, 6, 8), step 2 (1, 5, 9).
        float[] forecasts = [4, 6, 8, 1, 5, 9];

        var result = Backtest.Score([series], windows, lookback: 4, horizon: 2, seasonality: 1, Quantiles, forecasts);

        // MASE scale: mean |first difference| of the whole history before the origin: (1+2+1+4+1)/5 = 1.8.
        const double Scale = 1.8;
        var model = result.Overall.Model;
        Assert.Equal(1, result.Overall.Windows);
        Assert.Equal((1.0 + 1.0) / 2, model.Mae, 12);
        Assert.Equal((1.0 + 1.0) / 2 / Scale, model.Mase, 12);
        Assert.Equal(((200.0 / 13) + (200.0 / 9)) / 2, model.Smape, 12);
        Assert.Equal(1.0, model.Coverage80, 12);
        Assert.Equal((4.0 + 8.0) / 2, model.Width80, 12);

        // Naive: last value 5 for both steps; errors 2 and 1.
        var naive = result.Overall.SeasonalNaive;
        Assert.Equal(1.5, naive.Mae, 12);
        Assert.Equal(1.5 / Scale, naive.Mase, 12);

        // Its step-1 band: lag-1 differences of the window [-1, 4, -1] -> q0.1 = -1, q0.9 = 3 -> [4, 8] holds 7.
        // Step 2: lag-2 differences [3, 3] -> [8, 8], which misses 4.
        Assert.Equal(0.5, naive.Coverage80, 12);
        Assert.Equal((4.0 + 0.0) / 2, naive.Width80, 12);
    }

    [Fact]
    public void Score_PerfectForecasts_ZeroErrorFullCoverage()
    {
        // Whole numbers, so the float forecasts equal the actuals exactly.
        var values = Enumerable.Range(0, 40).Select(i => 10 + Math.Round(4 * Math.Sin(i))).ToArray();
        var series = Series(values);
        var windows = WindowPlanner.All([values.Length], 10, 3, 5);
        var forecasts = windows.SelectMany(w => Enumerable.Range(0, 3).SelectMany(t => Enumerable.Repeat((float)values[w.Origin + t], 3))).ToArray();

        var result = Backtest.Score([series], windows, 10, 3, 2, Quantiles, forecasts);

        Assert.Equal(windows.Count, result.Overall.Windows);
        Assert.True(result.Overall.Model.Mase < 1e-6);
        Assert.Equal(1.0, result.Overall.Model.Coverage80);
        Assert.True(result.Overall.SeasonalNaive.Mase > 0.1);
    }

    private static TimeSeries Series(double[] values) =>
        new("s", "test.csv", [.. values.Select((_, i) => new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i))], values, 0);
}
