namespace ForecastService.Testing;

/// <summary>Where the repository's own files are, found by walking up from the running assembly to ForecastService.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string?> FoundRoot = new(FindRoot);

    /// <summary>The folder holding ForecastService.sln.</summary>
    public static string Root => FoundRoot.Value ?? throw new InvalidOperationException($"ForecastService.sln not found above {AppContext.BaseDirectory}.");

    /// <summary>The folder holding ForecastService.sln, or null when running outside a checkout.</summary>
    public static string? TryRoot() => FoundRoot.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ForecastService.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
