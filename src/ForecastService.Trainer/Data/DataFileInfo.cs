namespace ForecastService.Trainer.Data;

/// <summary>A file the series came from: the path as given, its SHA-256 (hex), and what it held.</summary>
public sealed record DataFileInfo(string Path, string Sha256, int Series, int Rows);
