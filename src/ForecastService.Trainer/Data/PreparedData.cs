using ForecastService.Core.Time;

namespace ForecastService.Trainer.Data;

/// <summary>Loaded series with their calendar features, seasonality and chronological window split.</summary>
public sealed record PreparedData(SeriesCollection Data, int Seasonality, CalendarFeatures Features, WindowSplit Split, SplitOptions SplitOptions)
{
    /// <summary>Seasonal periods the auto recipe's classical bank uses; empty for the plain recipe.</summary>
    public IReadOnlyList<Recipes.SeasonalPeriod> Periods { get; init; } = [];

    /// <summary>What seasonal naive at <see cref="Seasonality"/> forecasts, in words.</summary>
    public string SeasonalNaiveName { get; init; } = string.Empty;

    public Frequency Frequency => Data.Frequency;
}
