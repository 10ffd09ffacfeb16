namespace ForecastService.Api.Tests.Reliability;

/// <summary>
/// The tests that run the service as its own process and time it: one at a time and never beside other tests, so
/// their latency and memory figures measure the service, not a neighbour.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealProcessCollection
{
    public const string Name = "Real service process";
}
