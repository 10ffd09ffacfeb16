using ForecastService.Core.Time;

namespace ForecastService.Trainer.Data;

/// <summary>The series read from one or more files, all on one frequency.</summary>
public sealed record SeriesCollection(Frequency Frequency, IReadOnlyList<TimeSeries> Series, IReadOnlyList<DataFileInfo> Files);
