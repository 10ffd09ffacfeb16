namespace ForecastService.Api.Tests.Reliability;

/// <summary>One request of a load run: when it started (seconds into the run), how long it took, and how it ended.</summary>
public readonly record struct LoadSample(double StartSeconds, double LatencyMs, int Status, string? Error)
{
    public bool Failed => Status != 200 || Error is not null;
}
