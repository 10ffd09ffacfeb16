using ForecastService.Core.Time;

namespace ForecastService.Trainer.Data;

/// <summary>The series read from one or more files, all on one frequency.</summary>
public sealed record SeriesCollection(Frequency Frequency, IReadOnlyList<TimeSeries> Series, IReadOnlyList<DataFileInfo> Files)
{
    /// <summary>The timestamps the series are observed at; the card carries it unless it is regular.</summary>
    public SeriesCalendar Calendar { get; init; } = SeriesCalendar.Regular(Frequency);
}
