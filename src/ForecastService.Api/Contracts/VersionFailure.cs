namespace ForecastService.Api.Contracts;

/// <summary>A version that could not be loaded.</summary>
/// <param name="Version">The version folder.</param>
/// <param name="Error">Why, e.g. "the card says lookback 96 but the graph's forecast.lookback is 48".</param>
public sealed record VersionFailure(int Version, string Error);
