using System.Text;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Api.Tests.Reliability;

namespace ForecastService.Api.Tests.Security;

/// <summary>
/// Issue 15: Kestrel answered an over-long query (414) and too many headers (431) itself, with a bare status and no
/// body. Up to twice the configured limits the service now sees such requests and answers problem+json; past that, and
/// for a request line Kestrel cannot parse (a NUL in the path), only Kestrel can answer: README lists these. Sent on a
/// raw socket to the real service process on loopback, as an attacker would.
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class RequestHeadLimitsTests(RequestHeadLimitsTests.Service service) : IClassFixture<RequestHeadLimitsTests.Service>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private Uri BaseAddress => service.Process.BaseAddress;

    [Theory]
    [InlineData("/v1/models?q=", 9_000)]
    [InlineData("/v1/models/", 12_000)]
    [InlineData("/health/ready?", 16_000)]
    public async Task Get_TargetOverMaxRequestTargetBytes_Is414Problem(string prefix, int length)
    {
        var target = prefix + new string('a', length - prefix.Length);

        var response = await RawHttpRequest.SendHeadAsync(BaseAddress, Head($"GET {target} HTTP/1.1"), Timeout);

        var problem = AssertProblem(response, 414, "uri-too-long");
        Assert.Contains($"{length} bytes", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("Server:MaxRequestTargetBytes", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(101, 10)]
    [InlineData(190, 10)]
    [InlineData(3, 12_000)]
    public async Task Get_HeadersOverTheLimits_Is431Problem(int count, int valueLength)
    {
        var headers = Enumerable.Range(0, count).Select(i => $"X-Extra-{i}: {new string('v', valueLength)}");

        var response = await RawHttpRequest.SendHeadAsync(BaseAddress, Head("GET /v1/models HTTP/1.1", headers), Timeout);

        var problem = AssertProblem(response, 431, "headers-too-large");
        Assert.Contains("Server:MaxRequestHeaderCount", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithinTheLimits_IsServed()
    {
        var headers = Enumerable.Range(0, 90).Select(i => $"X-Extra-{i}: {new string('v', 100)}");

        var response = await RawHttpRequest.SendHeadAsync(BaseAddress, Head($"GET /v1/models?q={new string('a', 7_000)} HTTP/1.1", headers), Timeout);

        Assert.Equal(200, response.Status);
    }

    /// <summary>What only Kestrel answers (README, Security): bare statuses with an empty body.</summary>
    [Theory]
    [InlineData("GET /v1/models/a\0b HTTP/1.1", 400)]
    [InlineData("GET /v1/models/a%00b HTTP/1.1", 400)]
    [InlineData("GET /v1/models?q=PAST_HARD_LIMIT HTTP/1.1", 414)]
    [InlineData("GET /v1/models HTTP/9.9", 505)]
    public async Task Get_OnlyKestrelCanAnswer_IsABareStatus(string requestLine, int status)
    {
        var line = requestLine.Replace("PAST_HARD_LIMIT", new string('a', 20_000), StringComparison.Ordinal);

        var response = await RawHttpRequest.SendHeadAsync(BaseAddress, Head(line), Timeout);

        Assert.Equal(status, response.Status);
        Assert.Equal(string.Empty, response.Body);
        Assert.False(service.Process.HasExited);
    }

    [Fact]
    public async Task Get_HeadersPastKestrelsHardLimit_IsABare431()
    {
        var headers = Enumerable.Range(0, 250).Select(i => $"X-Extra-{i}: v");

        var response = await RawHttpRequest.SendHeadAsync(BaseAddress, Head("GET /v1/models HTTP/1.1", headers), Timeout);

        Assert.Equal(431, response.Status);
        Assert.Equal(string.Empty, response.Body);
    }

    private byte[] Head(string requestLine, IEnumerable<string>? headers = null)
    {
        var text = new StringBuilder(requestLine).Append("\r\nHost: ").Append(BaseAddress.Authority).Append("\r\n");
        foreach (var header in headers ?? [])
        {
            text.Append(header).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(text.Append("Connection: close\r\n\r\n").ToString());
    }

    private static JsonNode AssertProblem(RawHttpResponse response, int status, string type)
    {
        Assert.True(response.Status == status, $"Expected {status}, got {response.Status}: {response.Body}");
        Assert.StartsWith("application/problem+json", response.Headers.GetValueOrDefault("Content-Type"), StringComparison.Ordinal);
        var problem = JsonNode.Parse(response.Body)!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.Equal($"urn:forecastservice:problem:{type}", (string)problem["type"]!);
        Assert.Equal(response.Headers["X-Correlation-Id"], (string)problem["correlationId"]!);
        Assert.Equal("nosniff", response.Headers.GetValueOrDefault("X-Content-Type-Options"));
        return problem;
    }

    /// <summary>One service process for every case: the limits are its defaults.</summary>
    public sealed class Service : IAsyncLifetime
    {
        private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());
        private ServiceProcess? _process;

        public ServiceProcess Process => _process ?? throw new InvalidOperationException("The service has not started.");

        public async Task InitializeAsync() => _process = await TestService.StartAsync(_repository.Root);

        public async Task DisposeAsync()
        {
            if (_process is not null)
            {
                await _process.DisposeAsync();
            }

            _repository.Dispose();
        }
    }
}
