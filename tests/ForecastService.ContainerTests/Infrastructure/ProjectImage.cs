using DotNet.Testcontainers.Builders;

namespace ForecastService.ContainerTests.Infrastructure;

/// <summary>
/// One of the project's Dockerfiles built through Testcontainers, from the repository as the context (its
/// .dockerignore applies), under a tag of the tests' own. Disposing removes the tag but keeps the layers as build
/// cache (`docker image rm --no-prune`), so the next run rebuilds only what changed.
/// </summary>
internal sealed class ProjectImage : IAsyncDisposable
{
    private ProjectImage(string name, TimeSpan buildTime)
    {
        Name = name;
        BuildTime = buildTime;
    }

    public string Name { get; }

    public TimeSpan BuildTime { get; }

    public static async Task<ProjectImage> BuildAsync(string dockerfile, string name, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var image = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(RepositoryPaths.Root)
            .WithDockerfile(dockerfile)
            .WithName(name)
            .WithCleanUp(false)
            .WithDeleteIfExists(false)
            .Build();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await image.CreateAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"Building {dockerfile} took longer than {timeout.TotalMinutes} min.");
        }

        return new ProjectImage(name, clock.Elapsed);
    }

    /// <summary>Gets the image's size in bytes, as `docker image ls` reports it.</summary>
    public async Task<long> SizeAsync() =>
        long.Parse(
            (await DockerEngine.RunAsync("docker", ["image", "inspect", "--format", "{{.Size}}", Name], TimeSpan.FromSeconds(30)).ConfigureAwait(false)).Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DockerEngine.RunAsync("docker", ["image", "rm", "--no-prune", Name], TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone, or still used by a container a failed test left; nothing more to do here.
        }
    }
}
