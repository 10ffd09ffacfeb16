namespace ForecastService.Trainer.Data;

/// <summary>One series as read from a file, before frequency checks: sorted, without duplicates, with the line of each row.</summary>
internal sealed class RawSeries(string id, string file)
{
    public string Id { get; } = id;

    public string File { get; } = file;

    public List<DateTimeOffset> Timestamps { get; } = [];

    public List<double> Values { get; } = [];

    public List<int> Lines { get; } = [];
}
