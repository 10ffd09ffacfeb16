namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>Paths in the repository the tests run from (found by walking up to ForecastService.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ForecastService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ForecastService.sln not found above {AppContext.BaseDirectory}.");
    }
}
