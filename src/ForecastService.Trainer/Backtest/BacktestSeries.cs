namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// One series of a backtest: its rows in file order (row order is the time axis, so business days with holidays need
/// no filling) and where the rolling origins cut it.
/// </summary>
/// <param name="Id">Series id, as written in the forecast file.</param>
/// <param name="Domain">sensor, energy or finance (the trained model's card needs one).</param>
/// <param name="Frequency">The frequency as the kit names it, or null to let the trainer infer it from the timestamps.</param>
/// <param name="Seasonality">m: the lag of seasonal naive and of the MASE scale.</param>
/// <param name="Horizon">H: steps forecast at each origin.</param>
/// <param name="Lookback">The kit's proposed context length L, or null when the rule decides.</param>
/// <param name="Timestamps">Every row's timestamp.</param>
/// <param name="Values">Every row's value.</param>
/// <param name="Origins">train_n of origins 1..K, ascending: origin k may see rows [0, Origins[k − 1]) only.</param>
internal sealed record BacktestSeries(
    string Id,
    string Domain,
    string? Frequency,
    int Seasonality,
    int Horizon,
    int? Lookback,
    DateTimeOffset[] Timestamps,
    double[] Values,
    int[] Origins)
{
    /// <summary>Rows before origin 1: all the training may see.</summary>
    public int TrainingRows => Origins[0];
}
