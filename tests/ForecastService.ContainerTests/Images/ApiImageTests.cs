using System.Globalization;
using System.Net;
using System.Text;
using ForecastService.ContainerTests.Infrastructure;

namespace ForecastService.ContainerTests.Images;

/// <summary>
/// The CPU image built from the repository's Dockerfile and run as deploy/k8s runs it (read-only root, no
/// capabilities, no-new-privileges): who it runs as, what its HEALTHCHECK says, and that it serves.
/// </summary>
[Collection(ProjectImagesFixture.CollectionName)]
public sealed class ApiImageTests(ProjectImagesFixture images)
{
    private const int AppUid = 1654; // the ASP.NET images' built-in non-root user ($APP_UID)

    [DockerFact]
    public async Task Run_LockedDown_RunsAsAppUserWithoutCapabilitiesOnAReadOnlyRoot()
    {
        var api = await images.LockedApiAsync();

        var id = await api.ExecAsync(["id", "-u"]);
        Assert.Equal(AppUid.ToString(CultureInfo.InvariantCulture), id.Stdout.Trim());

        // The service's own process (PID 1): no effective or permitted capabilities, and no way to gain any.
        var status = (await api.ExecAsync(["cat", "/proc/1/status"])).Stdout;
        Assert.Equal(AppUid.ToString(CultureInfo.InvariantCulture), StatusField(status, "Uid").Split('\t')[0]);
        Assert.Equal("0000000000000000", StatusField(status, "CapEff"));
        Assert.Equal("0000000000000000", StatusField(status, "CapPrm"));
        Assert.Equal("1", StatusField(status, "NoNewPrivs"));

        var writeApp = await api.ExecAsync(["bash", "-c", "echo x > /app/probe"]);
        Assert.NotEqual(0, writeApp.ExitCode);
        Assert.Contains("Read-only file system", writeApp.Stderr, StringComparison.Ordinal);
        var writeTmp = await api.ExecAsync(["bash", "-c", "echo x > /tmp/probe && rm /tmp/probe"]);
        Assert.Equal(0, writeTmp.ExitCode);

        var inspect = await DockerEngine.RunAsync("docker", ["inspect", "--format", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.HostConfig.SecurityOpt}} {{.Config.User}}", api.Id], TimeSpan.FromSeconds(30));
        Assert.Equal($"true [ALL] [no-new-privileges] {AppUid}", inspect.Trim());
    }

    [DockerFact]
    public async Task Healthcheck_ShippedModels_BecomesHealthy()
    {
        var api = await images.LockedApiAsync();

        // The image's own HEALTHCHECK (15 s interval): the engine runs deploy/healthcheck.sh inside the container.
        await ApiContainer.WaitForHealthAsync(api, "healthy", TimeSpan.FromSeconds(120));
    }

    [DockerFact]
    public async Task Healthcheck_EmptyModelsFolder_BecomesUnhealthy()
    {
        var empty = Directory.CreateTempSubdirectory("forecast-empty-models-");
        try
        {
            // World-readable, as a mounted volume would be for the image's non-root user.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(empty.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            var api = await ApiContainer.StartAsync(
                ApiContainer.Locked(images.Cpu.Name).WithBindMount(empty.FullName, "/app/models", DotNet.Testcontainers.Configurations.AccessMode.ReadOnly),
                TimeSpan.FromMinutes(2));

            try
            {
                // Alive but never ready: nothing to serve. The HEALTHCHECK counts failures after its 30 s start
                // period, three in a row at 15 s intervals, so unhealthy comes at about 75 s.
                await ApiContainer.WaitForStatusAsync(api, "health/live", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
                await ApiContainer.WaitForHealthAsync(api, "unhealthy", TimeSpan.FromSeconds(150));
                using var client = new HttpClient { BaseAddress = ApiContainer.BaseAddress(api), Timeout = TimeSpan.FromSeconds(10) };
                using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }
            finally
            {
                await ApiContainer.RemoveAsync(api);
            }
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [DockerFact]
    public async Task Forecast_EveryShippedModel_Returns200()
    {
        var api = await images.LockedApiAsync();
        await ApiContainer.WaitForStatusAsync(api, "health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        using var client = new HttpClient { BaseAddress = ApiContainer.BaseAddress(api), Timeout = TimeSpan.FromSeconds(30) };

        var models = ShippedModels.Latest();
        Assert.NotEmpty(models);
        foreach (var model in models)
        {
            using var body = new StringContent(await File.ReadAllTextAsync(model.ExamplePath), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri($"v1/models/{model.Name}/forecast", UriKind.Relative), body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{model.Name}: {(int)response.StatusCode} {text}");
            Assert.Contains("\"quantiles\"", text, StringComparison.Ordinal);
        }
    }

    [DockerTheory]
    [InlineData("swagger/index.html", "text/html")]
    [InlineData("swagger/v1/swagger.json", "application/json")]
    [InlineData("ui", "text/html")]
    [InlineData("metrics", "text/plain")]
    public async Task Get_OperatorPages_Answer200(string path, string mediaType)
    {
        var api = await images.LockedApiAsync();
        await ApiContainer.WaitForStatusAsync(api, "health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        using var client = new HttpClient { BaseAddress = ApiContainer.BaseAddress(api), Timeout = TimeSpan.FromSeconds(30) };

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    private static string StatusField(string status, string name) =>
        status.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
}
