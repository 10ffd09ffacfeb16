using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>Every configured bound answers with its status and, where waiting helps, Retry-After: 413, 429, 503.</summary>
public sealed class ResourceBoundsTests : IDisposable
{
    private const string Url = "/v1/models/energy-load/forecast";
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    private static string OneSeries => Requests.Body(Requests.Series("a", Requests.Wave(24))).ToJsonString();

    [Fact]
    public async Task Forecast_OverPerClientRate_Is429WithRetryAfterWhileHealthStaysOpen()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "3",
            ["RateLimiting:Window"] = "00:10:00",
        });
        using var client = factory.CreateClient();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostAsync(Url, Requests.Json(OneSeries));
            statuses.Add((int)ok.StatusCode);
        }

        using var limited = await client.PostAsync(Url, Requests.Json(OneSeries));
        using var health = await client.GetAsync("/health/ready");

        Assert.Equal([200, 200, 200], statuses);
        await ProblemAssert.IsProblem(limited, 429, "rate-limited");
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Forecast_RateLimitingDisabled_IsNeverLimited()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "false",
            ["RateLimiting:PermitLimit"] = "1",
            ["RateLimiting:Window"] = "00:10:00",
        });
        using var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync(Url, Requests.Json(OneSeries));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Forecast_OverInFlightCap_Is503WithRetryAfterAndRecovers()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["RateLimiting:MaxConcurrentRequests"] = "1",
            ["RateLimiting:QueueLimit"] = "0",
        });

        // Real Kestrel: TestServer does not start the pipeline until it has the whole body, so it cannot hold one in flight.
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var body = System.Text.Encoding.UTF8.GetBytes(OneSeries);

        // One request takes the only slot and keeps it (its body stops after one byte). Until it is in, calls still
        // get through; once it is, every other call is shed at once.
        var holder = await RawHttpRequest.StartAsync(client.BaseAddress!, Url, body.Length);
        await holder.SendAsync(body.AsMemory(0, 1));
        HttpResponseMessage? shed = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (shed is null && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (holder.HasAnswer)
            {
                // A probe took the slot before the holder reached the limiter, so the holder was the one shed:
                // start another holder and try again.
                await holder.DisposeAsync();
                holder = await RawHttpRequest.StartAsync(client.BaseAddress!, Url, body.Length);
                await holder.SendAsync(body.AsMemory(0, 1));
                await Task.Delay(50);
                continue;
            }

            var response = await client.PostAsync(Url, Requests.Json(OneSeries));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                shed = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
                await Task.Delay(50);
            }
        }

        using var health = await client.GetAsync("/health/live");
        RawHttpResponse held;
        await using (holder)
        {
            await holder.SendAsync(body.AsMemory(1));
            held = await holder.ReadResponseAsync(TimeSpan.FromSeconds(30));
        }

        using var after = await client.PostAsync(Url, Requests.Json(OneSeries));

        Assert.NotNull(shed);
        using (shed)
        {
            await ProblemAssert.IsProblem(shed, 503, "overloaded");
            Assert.Equal(TimeSpan.FromSeconds(1), shed.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(held.Status == 200, held.Body);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData(5, 24, "series")]
    [InlineData(1, 101, "series[0].values")]
    public async Task Forecast_OverSeriesOrPointLimits_Is413(int seriesCount, int points, string field)
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?>
        {
            ["RequestLimits:MaxSeries"] = "4",
            ["RequestLimits:MaxPointsPerSeries"] = "100",
        });
        using var client = factory.CreateClient();
        var body = Requests.Body([.. Enumerable.Range(0, seriesCount).Select(i => Requests.Series($"s{i}", Requests.Wave(points)))]);

        using var response = await client.PostAsync(Url, Requests.Json(body));

        await ProblemAssert.IsProblem(response, 413, "too-large", field);
    }

    [Fact]
    public async Task Forecast_BodyOverByteLimit_Is413BeforeParsing()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["RequestLimits:MaxBodyBytes"] = "4096" });
        using var client = factory.CreateClient();
        var body = new JsonObject { ["series"] = new JsonArray(), ["pad"] = new string('x', 5000) }.ToJsonString();
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(Url, content);

        await ProblemAssert.IsProblem(response, 413, "too-large");
    }

    public void Dispose() => _repository.Dispose();
}
