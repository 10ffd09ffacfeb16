namespace ForecastService.Core.Forecasting;

/// <summary>One validated series cut to the model's window.</summary>
/// <param name="Id">The series id.</param>
/// <param name="Values">The last lookback values, oldest first.</param>
/// <param name="PastTimestamps">Their timestamps.</param>
/// <param name="FutureTimestamps">The model's full horizon of timestamps after the last observation.</param>
public sealed record SeriesWindow(string Id, float[] Values, DateTimeOffset[] PastTimestamps, DateTimeOffset[] FutureTimestamps);
