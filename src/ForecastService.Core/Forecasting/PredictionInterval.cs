namespace ForecastService.Core.Forecasting;

/// <summary>A central prediction interval: the true value should fall inside it <paramref name="Level"/>% of the time.</summary>
/// <param name="Level">Coverage in percent, e.g. 80 (the 0.1 and 0.9 quantiles).</param>
/// <param name="Lower">The lower quantile at each forecast timestamp.</param>
/// <param name="Upper">The upper quantile at each forecast timestamp.</param>
public sealed record PredictionInterval(double Level, ReadOnlyMemory<float> Lower, ReadOnlyMemory<float> Upper);
