using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ForecastService.EndToEndTests.Infrastructure;

namespace ForecastService.EndToEndTests.Gateway;

/// <summary>
/// The published API (two instances) behind Debian's nginx running deploy/gateway/: everything a client of the
/// container deployment meets. Each test talks from its own loopback address, so the gateway sees a distinct
/// client and each test has its own rate-limit bucket.
/// </summary>
[Trait("Category", "Slow")]
[Collection(GatewayCollection.Name)]
public sealed class GatewayTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Health_ThroughGateway_AnswersUnderThePrefix()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.2"));

        using var live = await client.GetAsync(new Uri("health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(ExpectedReadyStatus, ready.StatusCode);
    }

    [Fact]
    public async Task Gateway_OutsideThePrefix_AnswersNotFoundProblem()
    {
        using var client = LoopbackClient.Create(fixture.GatewayAddressBase, IPAddress.Parse("127.0.0.3"));

        using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));
        using var bare = await client.GetAsync(new Uri("forecast", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/forecast/", bare.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Requests_ThroughGateway_AreSpreadOverBothInstances()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.4"));
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // nginx writes its access log line after the response; allow it a moment.
        var expected = fixture.Apis.Select(a => $"upstream=127.0.0.1:{a.Port}").ToList();
        var log = await WaitForAsync(() => File.ReadAllText(fixture.Gateway.AccessLogPath), text => expected.All(e => text.Contains(e, StringComparison.Ordinal)));
        Assert.All(expected, e => Assert.Contains(e, log, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizedBody_ThroughGateway_Returns413ProblemBeforeTheApi()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.5"));
        var marker = "oversized-" + Guid.NewGuid().ToString("N");
        using var body = new ByteArrayContent(new byte[9 * 1024 * 1024]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri($"v1/models/{marker}/forecast", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(fixture.Apis.SelectMany(a => a.Output), line => line.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LargeBody_UnderTheLimit_IsBufferedByTheGatewayAndReachesTheApi()
    {
        // Larger than the gateway's in-memory body buffer, so nginx spools it to its temp path first.
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.10"));
        using var body = new StringContent("{\"series\":[]}" + new string(' ', 512 * 1024), System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("v1/models/no-such-model/forecast", UriKind.Relative), body);

        // The API's own answer (unknown model), not a gateway error: it carries the API's correlation id.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("X-Correlation-Id"), fixture.Describe());
    }

    [Fact]
    public async Task RateLimit_PastTheBurst_Returns429ForThatClientOnly()
    {
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.6"));
        HttpResponseMessage? limited = null;
        var served = 0;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                served++;
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            // 10 r/s with a burst of 20: at least the burst is served before the first refusal.
            Assert.InRange(served, 20, 60);
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(limited.Headers.RetryAfter);
        }

        using var other = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.7"));
        using var otherResponse = await other.GetAsync(new Uri("health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
    }

    [Fact]
    public async Task RequestLog_ThroughGateway_RecordsTheForwardedClientNotTheGatewayOrASpoof()
    {
        var marker = "client-" + Guid.NewGuid().ToString("N");
        using var client = LoopbackClient.Create(fixture.ForecastBase, IPAddress.Parse("127.0.0.8"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"v1/models/{marker}", UriKind.Relative));
        // A client cannot choose its address: the API believes only the hop the gateway appended.
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        var line = await WaitForRequestLogAsync(marker);
        Assert.Contains("127.0.0.8", line, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.7", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLog_DirectFromAnUntrustedPeer_IgnoresForwardedHeaders()
    {
        var marker = "direct-" + Guid.NewGuid().ToString("N");
        var api = fixture.Apis[0];
        using var client = LoopbackClient.Create(api.BaseAddress, IPAddress.Parse("127.0.0.9"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"v1/models/{marker}", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "203.0.113.8");
        request.Headers.Add("X-Forwarded-Prefix", "/evil");

        using var response = await client.SendAsync(request);

        var line = await WaitForRequestLogAsync(marker);
        Assert.Contains("127.0.0.9", line, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.8", line, StringComparison.Ordinal);
        Assert.DoesNotContain("/evil", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthcheckScript_AgainstTheRunningApi_ExitsZeroAndNonZeroWhenNothingListens()
    {
        var script = RepositoryPaths.Combine("deploy", "healthcheck.sh");
        var api = fixture.Apis[0];

        // As in the image: the port comes from ASPNETCORE_URLS, the path defaults to /health/ready.
        var ready = await RunScriptAsync(script, new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://+:{api.Port}" });
        var live = await RunScriptAsync(script, new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://+:{api.Port}", ["HEALTHCHECK_PATH"] = "/health/live" });
        var unhealthy = await RunScriptAsync(script, new Dictionary<string, string?> { ["HEALTHCHECK_PORT"] = LoopbackPorts.GetFree().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var notFound = await RunScriptAsync(script, new Dictionary<string, string?> { ["HEALTHCHECK_PORT"] = api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["HEALTHCHECK_PATH"] = "/no-such-endpoint" });

        Assert.Equal(GatewayFixture.ModelsShipped, ready == 0);
        Assert.Equal(0, live);
        Assert.NotEqual(0, unhealthy);
        Assert.NotEqual(0, notFound);
    }

    [Fact]
    public async Task ProbePaths_OfTheDeployment_AnswerOkOnTheApi()
    {
        // The paths Kubernetes and the image's HEALTHCHECK probe, read from the files, against the real app.
        var probes = Directory.GetFiles(RepositoryPaths.Combine("deploy", "k8s"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("path: /", StringComparison.Ordinal))
            .Select(l => l["path: ".Length..])
            .Append("/health/ready")
            .Distinct()
            .ToList();
        Assert.Contains("/health/live", probes);

        using var client = new HttpClient { BaseAddress = fixture.Apis[1].BaseAddress };
        foreach (var probe in probes)
        {
            using var response = await client.GetAsync(new Uri(probe.TrimStart('/'), UriKind.Relative));
            var expected = probe == "/health/ready" ? ExpectedReadyStatus : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"{probe} answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
    }

    // Ready means at least one model serves: with none shipped the service is up but rightly not ready.
    private static HttpStatusCode ExpectedReadyStatus => GatewayFixture.ModelsShipped ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable;

    private static async Task<int> RunScriptAsync(string script, IReadOnlyDictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(environment)
        {
            ["ASPNETCORE_URLS"] = environment.GetValueOrDefault("ASPNETCORE_URLS"),
            ["ASPNETCORE_HTTP_PORTS"] = null,
        };
        await using var process = ChildProcess.Start("healthcheck", "bash", [script], settings);
        return await process.WaitForExitAsync(TimeSpan.FromSeconds(15)) ?? -1;
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }

    private async Task<string> WaitForRequestLogAsync(string marker)
    {
        var line = await WaitForAsync(
            () => fixture.Apis.SelectMany(a => a.Output).FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal) && l.Contains("ClientAddress", StringComparison.Ordinal) && l.Contains(" responded ", StringComparison.Ordinal)),
            l => l is not null);
        Assert.True(line is not null, $"No request-completion event for {marker} with a ClientAddress.\n{fixture.Describe()}");
        return line;
    }
}
