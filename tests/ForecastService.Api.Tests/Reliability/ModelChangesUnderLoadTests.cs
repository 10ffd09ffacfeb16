using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Core.Models;
using Xunit.Abstractions;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>
/// While closed-loop load runs on the real service process, the model repository changes under it: a new version, four
/// kinds of broken version, then the serving version deleted. Meanwhile a second model fails inside ONNX Runtime on
/// every one-series call. No load request fails, each broken version is reported failed in /v1/models, the logs and
/// /metrics, and each native fault is a clean 500 for that request alone.
/// </summary>
[Trait("Category", "Slow")]
[Collection(RealProcessCollection.Name)]
public sealed class ModelChangesUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 4;
    private const string Path = "v1/models/energy-load/forecast";
    private readonly FixtureModel _model = FixtureModel.Hourly();
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly(), FixtureModel.Hourly("flaky") with { FailsOnOddBatch = true });
    private readonly List<string> _steps = [];

    [Fact]
    public async Task ModelChanges_UnderLoadWithNativeFaults_NoLoadRequestFailsAndBadVersionsAreReported()
    {
        await using var service = await TestService.StartAsync(_repository.Root, new Dictionary<string, string> { ["RateLimiting:PermitLimit"] = "1000000" });
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var expected = new ExpectedForecast(_model, seriesCount: 2);
        var load = new ClosedLoopLoad();
        using var stop = new CancellationTokenSource();

        var loadTask = load.RunAsync(client, Clients, TimeSpan.FromMinutes(2), _ => expected.Request(Path), expected.Check, stop.Token);
        var faults = NativeFaultsAsync(client, stop.Token);
        try
        {
            await Task.Delay(1500);
            await ChangeAsync(client, "v2 dropped in", () => Publish(_model with { Version = 2 }), m => Serving(m) == 2);
            await ChangeAsync(client, "v3 truncated model.onnx", () => Publish(_model with { Version = 3 }, onnx => onnx[..(onnx.Length / 2)]), m => Failed(m, 3));
            await ChangeAsync(client, "v4 garbage bytes", () => Publish(_model with { Version = 4 }, onnx => [.. Enumerable.Range(0, onnx.Length).Select(i => (byte)((i * 7919) ^ 0x5A))]), m => Failed(m, 4));
            await ChangeAsync(client, "v5 valid ONNX with the wrong inputs", () => Publish(_model with { Version = 5, ValuesInputName = "history" }), m => Failed(m, 5));
            await ChangeAsync(client, "v6 card lies about lookback", () => Publish(_model with { Version = 6, CardLookback = 48 }), m => Failed(m, 6));
            Assert.Equal(2, Serving(await ModelAsync(client)));
            await ChangeAsync(client, "serving v2 deleted", () => Directory.Delete(_repository.VersionDirectory(_model.Name, 2), recursive: true), m => Serving(m) == 1);
            await Task.Delay(1500);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var duration = (await loadTask).TotalSeconds;
        var (faultCalls, fault500s, faultOther, evenOk) = await faults;
        var model = await ModelAsync(client);
        var metrics = PrometheusText.Parse(await client.GetStringAsync(new Uri("metrics", UriKind.Relative)));
        var logs = service.Output;

        var samples = load.Samples;
        var failed = samples.Where(s => s.Failed).ToArray();
        int[] bad = [3, 4, 5, 6];
        var inList = bad.Count(v => Failed(model, v));
        var inLogs = bad.Count(v => logs.Any(l => l.Contains("energy-load", StringComparison.Ordinal) && l.Contains($" v{v} failed to load", StringComparison.Ordinal)));
        var inMetrics = bad.Count(v => metrics.Samples.Any(s => s.Name == "forecast_model_info" && s.Labels["model"] == "energy-load" && s.Labels["version"] == $"{v}" && s.Labels["status"] == "failed"));
        ReliabilityReport.Write(output, "model-changes",
        [
            $"model changes under load: {Clients} clients x {duration:0.0} s; steps: {string.Join("; ", _steps)}",
            $"requests served: {samples.Count}, failures: {failed.Length}; p99 first quarter {load.Percentile(99, 0, duration / 4):0.0} ms, last quarter {load.Percentile(99, 3 * duration / 4, duration):0.0} ms",
            $"bad versions reported failed: /v1/models {inList}/4, logs {inLogs}/4, /metrics {inMetrics}/4; serving at the end: v{Serving(model)}",
            .. model["failures"]!.AsArray().Select(f => $"  v{(int)f!["version"]!}: {(string?)f["error"]}"),
            $"native faults: {faultCalls} one-series calls to a model that fails inside ONNX Runtime: {fault500s} clean 500 model-run-failed, {faultOther} other; {evenOk} two-series calls to it answered 200",
        ]);

        Assert.True(failed.Length == 0, $"{failed.Length} of {samples.Count} failed, first: {failed.FirstOrDefault()}");
        Assert.Equal(4, inList);
        Assert.Equal(4, inLogs);
        Assert.Equal(4, inMetrics);
        Assert.Equal(4, metrics.Value("forecast_models_failed"));
        Assert.Equal(1, Serving(model));
        Assert.True(faultCalls > 0 && fault500s == faultCalls, $"{fault500s} of {faultCalls} native faults were clean 500s ({faultOther} other).");
        Assert.True(evenOk > 0);
        Assert.False(service.HasExited);
        Assert.DoesNotContain(_repository.Root, model.ToJsonString(), StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();

    private static int? Serving(JsonNode model) => (int?)model["version"];

    private static bool Failed(JsonNode model, int version) =>
        model["failures"]?.AsArray().Any(f => (int?)f!["version"] == version && !string.IsNullOrEmpty((string?)f["error"])) == true;

    private static async Task<JsonNode> ModelAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri("v1/models/energy-load", UriKind.Relative)))!;

    /// <summary>One client, one call at a time (so no batcher can pair two odd calls into an even batch), on the faulting model.</summary>
    private static async Task<(int Calls, int Clean500, int Other, int EvenOk)> NativeFaultsAsync(HttpClient client, CancellationToken stop)
    {
        var odd = new ExpectedForecast(FixtureModel.Hourly("flaky"), seriesCount: 1);
        var even = new ExpectedForecast(FixtureModel.Hourly("flaky"), seriesCount: 2);
        int calls = 0, clean = 0, other = 0, evenOk = 0;
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.SendAsync(odd.Request("v1/models/flaky/forecast"), CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            calls++;
            if (response.StatusCode == HttpStatusCode.InternalServerError && text.Contains("urn:forecastservice:problem:model-run-failed", StringComparison.Ordinal) && !text.Contains("   at ", StringComparison.Ordinal))
            {
                clean++;
            }
            else
            {
                other++;
            }

            using var ok = await client.SendAsync(even.Request("v1/models/flaky/forecast"), CancellationToken.None);
            evenOk += ok.StatusCode == HttpStatusCode.OK && even.Check(await ok.Content.ReadAsStringAsync(CancellationToken.None)) is null ? 1 : 0;
            await Task.Delay(100, CancellationToken.None);
        }

        return (calls, clean, other, evenOk);
    }

    private async Task ChangeAsync(HttpClient client, string step, Action change, Func<JsonNode, bool> done)
    {
        var clock = Stopwatch.StartNew();
        change();
        while (!done(await ModelAsync(client)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"'{step}' did not show in /v1/models within 20 s: {(await ModelAsync(client)).ToJsonString()}");
            await Task.Delay(100);
        }

        _steps.Add($"{step} ({clock.Elapsed.TotalSeconds:0.0} s)");

        // Let the load run for a while on each new state of the repository.
        await Task.Delay(1000);
    }

    /// <summary>Writes a version beside the repository and renames it in, as a deployment does: the poller never sees half a folder.</summary>
    private void Publish(FixtureModel model, Func<byte[], byte[]>? corrupt = null)
    {
        var staging = System.IO.Path.Combine(_repository.Root, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        ModelCardSerializer.Save(model.Card(), System.IO.Path.Combine(staging, ModelContract.CardFileName));
        var onnx = model.Onnx();
        File.WriteAllBytes(System.IO.Path.Combine(staging, ModelContract.OnnxFileName), corrupt is null ? onnx : corrupt(onnx));
        Directory.Move(staging, _repository.VersionDirectory(model.Name, model.Version));
    }
}
