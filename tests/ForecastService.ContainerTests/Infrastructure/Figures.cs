namespace ForecastService.ContainerTests.Infrastructure;

/// <summary>
/// Measured figures the container tests report (stream routing, failover, build times, image sizes), appended to
/// artifacts/containers/figures.txt, which eng/test.sh prints after the run.
/// </summary>
internal static class Figures
{
    private static readonly Lock Gate = new();

    public static void Record(string line)
    {
        var directory = RepositoryPaths.Combine("artifacts", "containers");
        lock (Gate)
        {
            Directory.CreateDirectory(directory);
            File.AppendAllText(Path.Combine(directory, "figures.txt"), line + Environment.NewLine);
        }
    }
}
