using ForecastService.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ForecastService.Api.Tests.Models;

/// <summary>
/// With <c>Onnx:ExecutionProvider=auto</c> on a machine without CUDA 13, every model logs why it runs on CPU (event
/// 2006), naming the CUDA library that could not be loaded. ORT's own reason names its provider library by absolute
/// path; the log keeps only file names, like every other event that mentions a file.
/// </summary>
public sealed class ProviderFallbackLoggingTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Load_AutoWithoutCuda_LogsFallbackNamingTheMissingLibraryWithoutPaths()
    {
        var captured = new LogCapture();
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Onnx:ExecutionProvider"] = "auto" })
            .WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(captured)));
        using var client = factory.CreateClient();
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var models = await client.GetStringAsync(new Uri("/v1/models/energy-load", UriKind.Relative));

        var fallbacks = captured.Events.Where(e => e.Id.Id == 2006).Select(e => e.Message).ToList();
        var libraryDirectory = AppContext.BaseDirectory.TrimEnd('/');
        if (System.Runtime.InteropServices.NativeLibrary.TryLoad("libcublasLt.so.13", out var cublas))
        {
            System.Runtime.InteropServices.NativeLibrary.Free(cublas);

            // CUDA 13 is installed: either CUDA serves (no fallback) or the fallback still hides the path.
            Assert.True(fallbacks.Count == 0 ? models.Contains("\"CUDA\"", StringComparison.Ordinal) : fallbacks.All(m => !m.Contains(libraryDirectory, StringComparison.Ordinal)), string.Join('\n', fallbacks));
            return;
        }

        Assert.NotEmpty(fallbacks);
        Assert.All(fallbacks, m => Assert.Contains("libcublasLt.so.13", m, StringComparison.Ordinal));
        Assert.All(fallbacks, m => Assert.DoesNotContain(libraryDirectory, m, StringComparison.Ordinal));
        Assert.All(captured.Events, e => Assert.DoesNotContain(libraryDirectory + "/libonnxruntime_providers", e.Message, StringComparison.Ordinal));
    }
}
