using System.Net;
using System.Text;
using ForecastService.ContainerTests.Infrastructure;

namespace ForecastService.ContainerTests.Images;

/// <summary>
/// deploy/cuda/Dockerfile built against its base (here the stand-in: no CUDA libraries, no GPU) and run: as shipped
/// (Onnx:ExecutionProvider=cuda) it must refuse to serve rather than silently run on CPU; with auto it falls back.
/// </summary>
public sealed class CudaImageTests(CudaImageFixture cuda) : IClassFixture<CudaImageFixture>
{
    [DockerFact]
    public async Task Run_CudaProviderWithoutCuda_StaysUpButNeverReady()
    {
        var api = await ApiContainer.StartAsync(ApiContainer.Locked(cuda.Image.Name), TimeSpan.FromMinutes(2));
        try
        {
            await ApiContainer.WaitForStatusAsync(api, "health/live", HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            using var client = new HttpClient { BaseAddress = ApiContainer.BaseAddress(api), Timeout = TimeSpan.FromSeconds(10) };
            // Give the repository time to try every model; none may load on CPU behind the operator's back.
            await Task.Delay(TimeSpan.FromSeconds(10));
            using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            var text = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)ready.StatusCode} {text}");
            var logs = await ApiContainer.LogsAsync(api);
            Assert.Contains("CUDA", logs, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await ApiContainer.RemoveAsync(api);
        }
    }

    [DockerFact]
    public async Task Run_AutoProviderWithoutCuda_FallsBackToCpuAndForecasts()
    {
        var api = await ApiContainer.StartAsync(
            ApiContainer.Locked(cuda.Image.Name, new Dictionary<string, string> { ["Onnx__ExecutionProvider"] = "auto" }),
            TimeSpan.FromMinutes(2));
        try
        {
            await ApiContainer.WaitForStatusAsync(api, "health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            using var client = new HttpClient { BaseAddress = ApiContainer.BaseAddress(api), Timeout = TimeSpan.FromSeconds(30) };
            var model = ShippedModels.Latest()[0];
            using var body = new StringContent(await File.ReadAllTextAsync(model.ExamplePath), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri($"v1/models/{model.Name}/forecast", UriKind.Relative), body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await ApiContainer.RemoveAsync(api);
        }
    }
}

/// <summary>The CUDA image, built once for the tests of <see cref="CudaImageTests"/>; its tag is removed at the end.</summary>
public sealed class CudaImageFixture : IAsyncLifetime
{
    private ProjectImage? _image;

    internal ProjectImage Image => _image ?? throw new InvalidOperationException("The CUDA image was not built.");

    public async Task InitializeAsync()
    {
        if (DockerEngine.UnavailableReason is null)
        {
            _image = await ProjectImage.BuildAsync("deploy/cuda/Dockerfile", "forecastservice-containertests:cuda", TimeSpan.FromMinutes(20));
            Figures.Record($"image forecastservice:cuda built in {_image.BuildTime.TotalSeconds:F0} s, {await _image.SizeAsync() / 1_000_000} MB");
        }
    }

    public async Task DisposeAsync()
    {
        if (_image is not null)
        {
            await _image.DisposeAsync();
        }
    }
}
