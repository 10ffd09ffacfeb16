namespace ForecastService.Api.Contracts;

/// <summary>The body of <c>/health/ready</c>.</summary>
/// <param name="Status">Healthy when the repository has loaded and at least one model serves, else Unhealthy.</param>
/// <param name="Models">Every model version found and its state.</param>
public sealed record ReadinessReport(string Status, IReadOnlyList<ModelState> Models);
