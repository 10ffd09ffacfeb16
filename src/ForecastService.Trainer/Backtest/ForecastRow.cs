namespace ForecastService.Trainer.Backtesting;

/// <summary>One line of the kit's forecast file: series, origin k (1-based), step j (1-based) and three quantiles.</summary>
internal readonly record struct ForecastRow(string Series, int Origin, int Step, double Q10, double Q50, double Q90);
