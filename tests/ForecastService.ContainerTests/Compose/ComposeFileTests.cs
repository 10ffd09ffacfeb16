using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ForecastService.ContainerTests.Infrastructure;

namespace ForecastService.ContainerTests.Compose;

/// <summary>
/// docker-compose.yml itself, through docker-compose: it validates, and `up` brings the stack to serving forecasts
/// through the gateway; `down` removes it again.
/// </summary>
[Collection(ProjectImagesFixture.CollectionName)]
public sealed class ComposeFileTests(ProjectImagesFixture images)
{
    [DockerFact]
    public async Task Config_ComposeFile_IsValidWithEveryService()
    {
        // `config --quiet` exits non-zero on a file compose cannot use (it rejected the former top-level `name:`).
        await DockerEngine.RunAsync("docker-compose", ["-f", ComposeFile.Path, "config", "--quiet"], TimeSpan.FromSeconds(60));
        var services = await DockerEngine.RunAsync("docker-compose", ["-f", ComposeFile.Path, "config", "--services"], TimeSpan.FromSeconds(60));

        Assert.Equal(["api-1", "api-2", "api-gpu", "gateway"], services.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [DockerFact]
    public async Task Up_ComposeStack_ForecastsThroughTheGatewayThenComesDown()
    {
        var work = Directory.CreateTempSubdirectory("forecast-compose-");
        var project = $"forecastct{Guid.NewGuid():N}"[..18];
        // The stack as the file describes it, except that the replicas run the image this test run built.
        var overrides = Path.Combine(work.FullName, "docker-compose.test.yml");
        await File.WriteAllTextAsync(overrides, string.Concat(ComposeFile.CpuApiServices().Select(s => $"  {s}:\n    image: {images.Cpu.Name}\n")).Insert(0, "services:\n"));
        var port = FreePort();
        string[] files = ["-p", project, "-f", ComposeFile.Path, "-f", overrides];
        var environment = new Dictionary<string, string?> { ["FORECAST_GATEWAY_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        try
        {
            try
            {
                await DockerEngine.RunAsync("docker-compose", [.. files, "up", "-d", "--no-build"], TimeSpan.FromMinutes(5), environment);
            }
            catch (InvalidOperationException ex)
            {
                // One CI run saw `up` fail with "Container … is unhealthy" 23 s in, and it did not recur: keep what the
                // engine knew about each container's health, so the next failure says why.
                throw new InvalidOperationException($"{ex.Message}\n--- the project's containers ---\n{await DescribeContainersAsync(project)}", ex);
            }

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/forecast/"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitForOkAsync(client, "health/ready", TimeSpan.FromSeconds(120));
            var model = ShippedModels.Latest()[0];
            using var body = new StringContent(await File.ReadAllTextAsync(model.ExamplePath), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri($"v1/models/{model.Name}/forecast", UriKind.Relative), body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await DockerEngine.RunAsync("docker-compose", [.. files, "down", "--volumes", "--remove-orphans", "--timeout", "10"], TimeSpan.FromMinutes(3), environment);
            work.Delete(recursive: true);
        }

        var left = await DockerEngine.RunAsync("docker", ["ps", "-a", "--filter", $"label=com.docker.compose.project={project}", "--format", "{{.Names}}"], TimeSpan.FromSeconds(30));
        Assert.Equal(string.Empty, left.Trim());
    }

    private static async Task<string> DescribeContainersAsync(string project)
    {
        var described = new StringBuilder();
        try
        {
            var ids = await DockerEngine.RunAsync("docker", ["ps", "-aq", "--filter", $"label=com.docker.compose.project={project}"], TimeSpan.FromSeconds(30));
            foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                described.AppendLine(await DockerEngine.RunAsync(
                    "docker", ["inspect", "--format", "{{.Name}} {{.State.Status}} exit={{.State.ExitCode}} health={{json .State.Health}}", id], TimeSpan.FromSeconds(30)));
            }
        }
        catch (InvalidOperationException ex)
        {
            // The description is for the failure message only; it must not hide the failure itself.
            described.AppendLine($"(could not describe the containers: {ex.Message})");
        }

        return described.ToString();
    }

    private static async Task WaitForOkAsync(HttpClient client, string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"{path} through the compose gateway did not answer 200 within {timeout.TotalSeconds} s (last: {last}).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
