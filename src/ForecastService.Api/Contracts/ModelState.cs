namespace ForecastService.Api.Contracts;

/// <summary>The state of one model version.</summary>
/// <param name="Name">The model name.</param>
/// <param name="Version">The version.</param>
/// <param name="Status"><c>serving</c> (the version calls get by default), <c>loaded</c> (an older version, served on request) or <c>failed</c>.</param>
/// <param name="ExecutionProvider">CPU or CUDA when loaded.</param>
/// <param name="Error">Why it failed.</param>
public sealed record ModelState(string Name, int Version, string Status, string? ExecutionProvider, string? Error);
