namespace ForecastService.Trainer.Data;

/// <summary>How series are cut into windows and split chronologically.</summary>
/// <param name="Lookback">Observed steps per window.</param>
/// <param name="Horizon">Forecast steps per window.</param>
/// <param name="ValidationFraction">Share of each series' steps whose targets form the validation split.</param>
/// <param name="TestFraction">Share of each series' last steps whose targets form the held-out test split.</param>
/// <param name="TrainStride">Steps between consecutive training windows.</param>
/// <param name="EvaluationStride">Steps between consecutive validation and test windows.</param>
public sealed record SplitOptions(int Lookback, int Horizon, double ValidationFraction, double TestFraction, int TrainStride, int EvaluationStride);
