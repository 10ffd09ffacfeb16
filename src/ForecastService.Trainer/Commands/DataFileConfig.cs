namespace ForecastService.Trainer.Commands;

/// <summary>A training data file and where it came from (copied into the card's provenance).</summary>
/// <param name="Path">CSV path, relative to the working directory (the repository root for committed configs).</param>
/// <param name="Source">Provenance in words, e.g. "forecast::taylor (Taylor 2003), R package forecast".</param>
public sealed record DataFileConfig(string Path, string Source = "");
