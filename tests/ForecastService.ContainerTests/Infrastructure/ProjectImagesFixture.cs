using DotNet.Testcontainers.Containers;

namespace ForecastService.ContainerTests.Infrastructure;

/// <summary>
/// Once per run: the CPU image built from the repository's Dockerfile, shared by every test of the collection
/// (building it is most of the run's time), and one container of it run locked down with the shipped models, which
/// the read-only checks share. The container and the image's tag are removed at the end.
/// </summary>
public sealed class ProjectImagesFixture : IAsyncLifetime
{
    public const string CollectionName = "Project images";

    private readonly SemaphoreSlim _lockedGate = new(1, 1);
    private ProjectImage? _cpu;
    private IContainer? _locked;

    internal ProjectImage Cpu => _cpu ?? throw new InvalidOperationException("The CPU image was not built.");

    /// <summary>The CPU image running locked down with its shipped models, started on first use and then shared.</summary>
    internal async Task<IContainer> LockedApiAsync()
    {
        await _lockedGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _locked ??= await ApiContainer.StartAsync(ApiContainer.Locked(Cpu.Name), TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            return _locked;
        }
        finally
        {
            _lockedGate.Release();
        }
    }

    public async Task InitializeAsync()
    {
        if (DockerEngine.UnavailableReason is null)
        {
            _cpu = await ProjectImage.BuildAsync("Dockerfile", "forecastservice-containertests:cpu", TimeSpan.FromMinutes(20)).ConfigureAwait(false);
            Figures.Record($"image forecastservice:cpu built in {_cpu.BuildTime.TotalSeconds:F0} s, {await _cpu.SizeAsync().ConfigureAwait(false) / 1_000_000} MB");
        }
    }

    public async Task DisposeAsync()
    {
        if (_locked is not null)
        {
            await ApiContainer.RemoveAsync(_locked).ConfigureAwait(false);
        }

        _lockedGate.Dispose();
        if (_cpu is not null)
        {
            await _cpu.DisposeAsync().ConfigureAwait(false);
        }
    }
}

[CollectionDefinition(ProjectImagesFixture.CollectionName)]
public sealed class ProjectImagesCollection : ICollectionFixture<ProjectImagesFixture>;
