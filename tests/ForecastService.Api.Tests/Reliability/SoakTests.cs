using System.Globalization;
using ForecastService.Api.Tests.Fixtures;
using Xunit.Abstractions;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>
/// Closed-loop load on the real service process for a fixed, bounded time: no request fails or is answered wrong,
/// resident memory stays flat after warm-up, and tail latency does not creep from the first quarter to the last.
/// </summary>
[Trait("Category", "Slow")]
[Collection(RealProcessCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 6;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(24);
    private readonly FixtureModel _model = FixtureModel.Hourly();
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    [Fact]
    public async Task Soak_ClosedLoopClients_NoFailuresFlatMemoryStableTail()
    {
        await using var service = await TestService.StartAsync(_repository.Root, new Dictionary<string, string> { ["RateLimiting:PermitLimit"] = "1000000" });
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients * 2 }) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var expected = new ExpectedForecast(_model, seriesCount: 4);
        const string Path = "v1/models/energy-load/forecast";
        var rssStart = service.ResidentBytes();

        var warmUp = new ClosedLoopLoad();
        await warmUp.RunAsync(client, Clients, WarmUp, _ => expected.Request(Path), expected.Check);
        var rssAfterWarmUp = service.ResidentBytes();

        var load = new ClosedLoopLoad();
        var rss = new List<long>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                rss.Add(service.ResidentBytes());
                await Task.Delay(1000, CancellationToken.None);
            }
        });
        await load.RunAsync(client, Clients, Duration, _ => expected.Request(Path), expected.Check);
        await sampling.CancelAsync();
        await sampler;
        var rssEnd = service.ResidentBytes();

        var samples = load.Samples;
        var failed = samples.Where(s => s.Failed).ToArray();
        var quarter = Duration.TotalSeconds / 4;
        var p99First = load.Percentile(99, 0, quarter);
        var p99Last = load.Percentile(99, 3 * quarter, Duration.TotalSeconds);
        var p50 = load.Percentile(50, 0, Duration.TotalSeconds);
        var growth = rssEnd - rssAfterWarmUp;
        ReliabilityReport.Write(output, "soak",
        [
            $"soak: {Clients} closed-loop clients x {Duration.TotalSeconds:0} s (after {WarmUp.TotalSeconds:0} s warm-up, {warmUp.Samples.Count} requests) on 127.0.0.1, 4 series per request",
            $"requests served: {samples.Count} ({samples.Count / Duration.TotalSeconds:0} req/s), failures: {failed.Length + warmUp.Samples.Count(s => s.Failed)}",
            $"RSS: start {Mib(rssStart)}, after warm-up {Mib(rssAfterWarmUp)}, end {Mib(rssEnd)}, growth after warm-up {Mib(growth)} (min {Mib(rss.Min())}, max {Mib(rss.Max())} while loaded)",
            $"latency: p50 {p50:0.0} ms; p99 first quarter {p99First:0.0} ms, last quarter {p99Last:0.0} ms",
        ]);

        Assert.True(failed.Length == 0, $"{failed.Length} failed, first: {failed.FirstOrDefault()}");
        Assert.DoesNotContain(warmUp.Samples, s => s.Failed);
        Assert.True(samples.Count >= 100, $"Only {samples.Count} requests in {Duration.TotalSeconds} s.");

        // Flat: a leak of even a few KiB per request would add tens of MiB over thousands of requests.
        Assert.True(growth < 48L << 20, $"RSS grew {Mib(growth)} after warm-up.");

        // Stable tail: generous for a shared CI machine, yet a queue that builds up or a leak that slows the GC fails it.
        Assert.True(p99Last <= Math.Max(3 * p99First, p99First + 50), $"p99 went from {p99First:0.0} ms to {p99Last:0.0} ms.");
    }

    public void Dispose() => _repository.Dispose();

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
