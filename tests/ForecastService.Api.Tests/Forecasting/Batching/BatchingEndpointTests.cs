using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Models;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Inference.Batching;
using Microsoft.Extensions.DependencyInjection;

namespace ForecastService.Api.Tests.Forecasting.Batching;

public sealed class BatchingEndpointTests : IDisposable
{
    private static readonly FixtureModel Model = FixtureModel.Hourly();
    private readonly FixtureRepository _repository = FixtureRepository.With(Model);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Forecast_ConcurrentCallsBatched_EachGetsItsOwnHandComputedForecast()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["Batching:MaxBatchSize"] = "8",
            ["Batching:Models:energy-load:MaxQueueDelay"] = "00:00:00.005",
        });
        using var client = factory.CreateClient();
        Assert.IsType<DynamicBatcher>(Lease(factory).Forecaster);

        // Each call gets its own level, so a row handed to the wrong call is off by hundreds.
        var levels = Enumerable.Range(0, 40).Select(i => 100.0 + (50 * i)).ToArray();
        var responses = await Task.WhenAll(levels.Select(async level =>
        {
            var response = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series($"s{level}", Requests.Wave(24, level)))));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["forecasts"]!.AsArray().Single()!;
        }));

        var future = Enumerable.Range(24, 6).Select(h => Requests.Start.AddHours(h)).ToArray();
        for (var i = 0; i < levels.Length; i++)
        {
            var expected = Model.Expected(Requests.Wave(24, levels[i]), future);
            var median = responses[i]["median"]!.AsArray().Select(v => (float)v!).ToArray();
            Assert.Equal($"s{levels[i]}", (string)responses[i]["id"]!);
            for (var h = 0; h < 6; h++)
            {
                Assert.Equal(expected[h, 1], median[h], 2);
            }
        }
    }

    [Fact]
    public async Task Forecast_QueueFull_Answers503WithRetryAfter()
    {
        // A batch of two that waits up to 10 s and a queue of one window: one call fills the queue and waits there.
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["Batching:MaxBatchSize"] = "2",
            ["Batching:MaxQueueDelay"] = "00:00:10",
            ["Batching:MaxQueueLength"] = "1",
        });
        using var client = factory.CreateClient();
        var batcher = Assert.IsType<DynamicBatcher>(Lease(factory).Forecaster);
        using var firstGone = new CancellationTokenSource();
        var first = client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))), firstGone.Token);
        await WaitUntil(() => batcher.PendingWindows == 1);

        var response = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("b", Requests.Wave(24)))));

        await ProblemAssert.IsProblem(response, 503, "overloaded");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        await firstGone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public void Load_BatchingOffForModel_RunsWithoutBatcher()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Batching:Models:energy-load:Enabled"] = "false" });
        using var client = factory.CreateClient();

        Assert.IsNotType<DynamicBatcher>(Lease(factory).Forecaster);
    }

    private static LoadedModel Lease(ApiFactory factory)
    {
        var model = factory.Services.GetRequiredService<ModelRepository>().Lease("energy-load", null).Model!;
        model.Release();
        return model;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "timed out waiting");
    }
}
