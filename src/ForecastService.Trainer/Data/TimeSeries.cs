namespace ForecastService.Trainer.Data;

/// <summary>A series on its calendar (every step of its frequency, unless the calendar skips some), gaps already filled.</summary>
public sealed record TimeSeries(string Id, string File, DateTimeOffset[] Timestamps, double[] Values, int FilledSteps)
{
    public int Length => Values.Length;

    /// <summary>Steps of the frequency the calendar lets the series skip (holidays), kept out of the data rather than filled.</summary>
    public int ClosedSteps { get; init; }
}
