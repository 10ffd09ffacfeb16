namespace ForecastService.Api.Tests.Fixtures;

/// <summary>Where the repository's own files are, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding ForecastService.sln, or null when the tests run outside a checkout.</summary>
    public static string? TryRoot()
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

    /// <summary>The folder holding ForecastService.sln.</summary>
    public static string Root() => TryRoot() ?? throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
}
