using ForecastService.Trainer.Backtesting;

namespace ForecastService.Trainer.Tests.Backtesting;

/// <summary>Daily series with the protocol's origins train_n(k) = n − H − (K − k)·H.</summary>
internal static class BacktestSeriesFactory
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static BacktestSeries Daily(double[] values, int horizon, int origins, int seasonality = 1)
    {
        var n = values.Length;
        var trainN = Enumerable.Range(1, origins).Select(k => n - horizon - ((origins - k) * horizon)).ToArray();
        var timestamps = Enumerable.Range(0, n).Select(i => Start.AddDays(i)).ToArray();
        return new BacktestSeries("s", "sensor", "1d", seasonality, horizon, null, timestamps, values, trainN);
    }
}
