using ForecastService.Core.Models;

namespace ForecastService.Api.Models;

/// <summary>One <c>&lt;name&gt;/&lt;version&gt;</c> folder: either loaded (<see cref="Model"/>) or failed (<see cref="Error"/>).</summary>
/// <param name="Name">The model name (the folder's parent).</param>
/// <param name="Version">The version (the folder's name).</param>
/// <param name="Stamp">The files' sizes and write times when it was loaded; a change triggers a reload.</param>
/// <param name="Model">The loaded model, or null when it failed.</param>
/// <param name="Card">The card when it could be read, even for a failed version.</param>
/// <param name="Error">Why it failed, in words; null when loaded.</param>
internal sealed record ModelVersionEntry(string Name, int Version, FileStamp Stamp, LoadedModel? Model, ModelCard? Card, string? Error);
