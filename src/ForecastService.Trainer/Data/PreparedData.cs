using ForecastService.Core.Time;

namespace ForecastService.Trainer.Data;

/// <summary>Loaded series with their calendar features, seasonality and chronological window split.</summary>
public sealed record PreparedData(SeriesCollection Data, int Seasonality, CalendarFeatures Features, WindowSplit Split, SplitOptions SplitOptions)
{
    public Frequency Frequency => Data.Frequency;
}
