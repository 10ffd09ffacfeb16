namespace ForecastService.Trainer.Backtesting;

/// <summary>What became of one series: its score, or why it was NOT SCORED.</summary>
/// <param name="Id">Series id.</param>
/// <param name="Score">The kit's figures; null when the series was not scored.</param>
/// <param name="TrainingTime">Train, export and the trainer's checks; null when nothing was trained (scoring a file).</param>
/// <param name="Problem">Why the series was not scored; null when it was.</param>
internal sealed record SeriesOutcome(string Id, SeriesScore? Score, TimeSpan? TrainingTime, string? Problem);
