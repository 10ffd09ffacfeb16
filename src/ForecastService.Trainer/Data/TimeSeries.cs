namespace ForecastService.Trainer.Data;

/// <summary>A regular series on its frequency's grid, gaps already filled.</summary>
public sealed record TimeSeries(string Id, string File, DateTimeOffset[] Timestamps, double[] Values, int FilledSteps)
{
    public int Length => Values.Length;
}
