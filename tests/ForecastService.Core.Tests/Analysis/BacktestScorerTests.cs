using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Analysis;

public sealed class BacktestScorerTests
{
    private static readonly ModelSignature Model = new("load", 1, lookback: 3, horizon: 2, Frequency.Parse("1h"), [0.1, 0.5, 0.9]);

    [Fact]
    public void ToResponse_TwoWindows_MatchesHandComputedModelAndNaiveMetrics()
    {
        double[] values = [1, 2, 4, 3, 5, 6, 8];
        var plan = Plan(values, origins: [4, 5]);
        var scorer = new BacktestScorer(plan, Model);

        // Rows [window, step, quantile (0.1, 0.5, 0.9)].
        // Origin 4: actuals 5, 6 against medians 4, 7 in bands [3, 6] and [5, 8].
        // Origin 5: actuals 6, 8 against medians 6, 6 in bands [5, 7] and [5, 7].
        var output = ForecastOutput.FromRows(2, 2, 3, [3, 4, 6, 5, 7, 8, 5, 6, 7, 5, 6, 7]);
        scorer.Add(plan.ModelWindows[0], output, 0);
        scorer.Add(plan.ModelWindows[1], output, 1);
        var response = scorer.ToResponse();

        // MASE scales: history [1, 2, 4, 3] -> mean |diff| = (1 + 2 + 1) / 3 = 4/3; history [1, 2, 4, 3, 5] -> 6/4 = 1.5.
        var model = response.Overall.Model;
        Assert.Equal((1 + 1 + 0 + 2) / 4.0, model.Mae!.Value, 12);
        Assert.Equal(((1 / (4 / 3.0)) + (1 / (4 / 3.0)) + 0 + (2 / 1.5)) / 4, model.Mase!.Value, 12);
        Assert.Equal(((200.0 / 9) + (200.0 / 13) + 0 + (400.0 / 14)) / 4, model.Smape!.Value, 12);
        Assert.Equal(3 / 4.0, model.Coverage!.Value, 12);
        Assert.Equal((3 + 3 + 2 + 2) / 4.0, model.Width!.Value, 12);

        // Seasonal naive (m = 1) from the last 3 points: [2, 4, 3] -> 3, 3; [4, 3, 5] -> 5, 5. Both windows' lag-1
        // differences are {2, -1}: type-7 quantiles 0.1 -> -1 + 0.1 * 3 = -0.7 and 0.9 -> -1 + 0.9 * 3 = 1.7.
        // Bands [2.3, 4.7] (actuals 5, 6 both out) and [4.3, 6.7] (6 in, 8 out).
        var naive = response.Overall.SeasonalNaive;
        Assert.Equal((2 + 3 + 1 + 3) / 4.0, naive.Mae!.Value, 12);
        Assert.Equal(((2 / (4 / 3.0)) + (3 / (4 / 3.0)) + (1 / 1.5) + (3 / 1.5)) / 4, naive.Mase!.Value, 12);
        Assert.Equal(((400.0 / 8) + (600.0 / 9) + (200.0 / 11) + (600.0 / 13)) / 4, naive.Smape!.Value, 12);
        Assert.Equal(1 / 4.0, naive.Coverage!.Value, 12);
        Assert.Equal(2.4, naive.Width!.Value, 9);

        var series = Assert.Single(response.Series);
        Assert.Equal("a", series.Id);
        Assert.Equal(2, series.Windows);
        Assert.Equal(model, series.Model);
        Assert.Equal(80, response.Level);
        Assert.Equal(1, response.Seasonality);
    }

    [Fact]
    public void ToResponse_TwoSeries_KeepsEachSeriesApartAndPoolsOverall()
    {
        double[] a = [1, 2, 3, 4, 5];
        double[] b = [10, 10, 10, 10, 20];
        var plan = Plan([a, b], [new(0, 3), new(1, 3)]);
        var scorer = new BacktestScorer(plan, Model);

        // Both windows forecast 4 then 4 (band +-1): series a misses by 0 and 1, series b by 6 and 16.
        var output = ForecastOutput.FromRows(2, 2, 3, [3, 4, 5, 3, 4, 5, 3, 4, 5, 3, 4, 5]);
        scorer.Add(plan.ModelWindows[0], output, 0);
        scorer.Add(plan.ModelWindows[1], output, 1);
        var response = scorer.ToResponse();

        Assert.Equal(0.5, response.Series[0].Model.Mae!.Value, 12);
        Assert.Equal(11, response.Series[1].Model.Mae!.Value, 12);
        Assert.Equal((0 + 1 + 6 + 16) / 4.0, response.Overall.Model.Mae!.Value, 12);

        // Series b's history before the origin is flat: its MASE is undefined, so overall MASE is series a's alone.
        Assert.Null(response.Series[1].Model.Mase);
        Assert.Equal(response.Series[0].Model.Mase, response.Overall.Model.Mase);
    }

    private static BacktestPlan Plan(double[] values, int[] origins) =>
        Plan([values], [.. origins.Select(o => new AnalysisWindow(0, o))]);

    private static BacktestPlan Plan(double[][] values, AnalysisWindow[] windows)
    {
        var series = values.Select((v, i) => new AnalysisSeries(
            i == 0 ? "a" : "b", v, [.. Enumerable.Range(0, v.Length).Select(t => new DateTimeOffset(2026, 3, 1, t, 0, 0, TimeSpan.Zero))])).ToArray();
        return new BacktestPlan(Horizon: 2, Windows: windows.Length / values.Length, Step: 1, Level: 80, Seasonality: 1, series, windows);
    }
}
