using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Models;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Core.Forecasting;
using Microsoft.Extensions.DependencyInjection;

namespace ForecastService.Api.Tests.Models;

/// <summary>Hot reload against a real temp repository, polled every 100 ms by the real service.</summary>
public sealed class ModelRepositoryTests : IDisposable
{
    private static readonly FixtureModel V1 = FixtureModel.Hourly();
    private readonly FixtureRepository _repository = FixtureRepository.With(V1);
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public ModelRepositoryTests()
    {
        _factory = new ApiFactory(_repository.Root);
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task Poll_NewVersionDropped_ServesWithinSeconds()
    {
        Assert.Equal(1, await ForecastVersion());

        _repository.Add(V1 with { Version = 2 });

        Assert.Equal(2, await Eventually.Get(ForecastVersion, v => v == 2));
    }

    [Fact]
    public async Task Poll_ModelFileStillEmpty_ReportedThenServedOnceComplete()
    {
        var directory = _repository.Add(V1 with { Version = 2 });
        var onnx = Path.Combine(directory, "model.onnx");
        var bytes = File.ReadAllBytes(onnx);
        File.WriteAllBytes(onnx, []);

        var model = await Eventually.Get(
            async () => JsonNode.Parse(await _client.GetStringAsync("/v1/models/energy-load"))!,
            m => m["failures"] is not null);
        Assert.Contains("empty", (string)model["failures"]![0]!["error"]!, StringComparison.Ordinal);
        Assert.Equal(1, await ForecastVersion());

        File.WriteAllBytes(onnx, bytes);

        Assert.Equal(2, await Eventually.Get(ForecastVersion, v => v == 2));
    }

    [Theory]
    [InlineData("garbage bytes")]
    [InlineData("truncated graph")]
    [InlineData("card lies about lookback")]
    [InlineData("wrong inputs")]
    public async Task Poll_BadNewVersion_ReportedFailedAndOldKeepsServing(string kind)
    {
        var directory = kind switch
        {
            "card lies about lookback" => _repository.Add(V1 with { Version = 2, CardLookback = 12 }),
            "wrong inputs" => _repository.Add(V1 with { Version = 2, ValuesInputName = "x" }),
            _ => _repository.Add(V1 with { Version = 2 }),
        };
        var onnx = Path.Combine(directory, "model.onnx");
        if (kind == "garbage bytes")
        {
            File.WriteAllBytes(onnx, [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))]);
        }
        else if (kind == "truncated graph")
        {
            File.WriteAllBytes(onnx, File.ReadAllBytes(onnx)[..200]);
        }

        var expected = kind switch
        {
            "card lies about lookback" => "lookback",
            "wrong inputs" => "'values'",
            _ => "ONNX Runtime cannot load",
        };

        // A poll can land while the test is still writing the files and report that half-written state first; the
        // changed file stamp makes the next poll load it again, so wait for the failure of the finished files.
        var model = await Eventually.Get(
            async () => JsonNode.Parse(await _client.GetStringAsync("/v1/models/energy-load"))!,
            m => m["failures"]?.AsArray().Any(f => ((string?)f?["error"])?.Contains(expected, StringComparison.Ordinal) == true) == true);

        var failure = model["failures"]!.AsArray().Single()!;
        Assert.Equal(2, (int)failure["version"]!);
        Assert.Contains(expected, (string)failure["error"]!, StringComparison.Ordinal);

        Assert.Equal([1, 2], model["versions"]!.AsArray().Select(n => (int)n!));
        Assert.Equal(1, (int)model["version"]!);
        Assert.Equal(1, await ForecastVersion());
        var ready = JsonNode.Parse(await _client.GetStringAsync("/health/ready"))!;
        Assert.Contains(ready["models"]!.AsArray(), m => (int)m!["version"]! == 2 && (string)m["status"]! == "failed");
    }

    [Fact]
    public async Task Poll_VersionRemoved_FallsBackToPrevious()
    {
        var v2 = _repository.Add(V1 with { Version = 2 });
        Assert.Equal(2, await Eventually.Get(ForecastVersion, v => v == 2));

        Directory.Delete(v2, recursive: true);

        Assert.Equal(1, await Eventually.Get(ForecastVersion, v => v == 1));
    }

    [Fact]
    public async Task Reload_WhileLeased_OldSessionLivesUntilReleased()
    {
        var repository = _factory.Services.GetRequiredService<ModelRepository>();
        var lookup = repository.Lease("energy-load", null);
        var old = lookup.Model!;

        // Replace version 1's files in place: the repository loads the new graph and retires the leased one.
        File.WriteAllBytes(Path.Combine(_repository.VersionDirectory("energy-load", 1), "model.onnx"), (V1 with { Horizon = 6 }).Onnx());
        File.SetLastWriteTimeUtc(Path.Combine(_repository.VersionDirectory("energy-load", 1), "model.onnx"), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await Eventually.Get(() => Task.FromResult(repository.Catalog.Find("energy-load")!.Serving), m => !ReferenceEquals(m, old));

        Assert.NotSame(old, repository.Catalog.Find("energy-load")!.Serving);
        Assert.False(old.IsDisposed);
        var window = new SeriesWindow("a", [.. Enumerable.Range(0, 24).Select(i => (float)i)], [.. Enumerable.Range(0, 24).Select(i => Requests.Start.AddHours(i))], [.. Enumerable.Range(24, 6).Select(i => Requests.Start.AddHours(i))]);
        var output = await old.Forecaster.ForecastAsync(ForecastInput.FromWindows([window], old.Signature), CancellationToken.None);
        Assert.Equal(6 * 3, output.ToRows().Length);

        old.Release();

        Assert.True(old.IsDisposed);
        Assert.False(old.TryAcquire());
    }

    private async Task<int> ForecastVersion()
    {
        var response = await _client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["version"]!;
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _repository.Dispose();
    }
}
