using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Security;

/// <summary>Every response, success or error, carries the browser hardening headers.</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    [Theory]
    [InlineData("GET", "/v1/models", 200)]
    [InlineData("GET", "/health/ready", 200)]
    [InlineData("GET", "/metrics", 200)]
    [InlineData("GET", "/swagger/index.html", 200)]
    [InlineData("GET", "/ui/", 200)]
    [InlineData("GET", "/ui/app.js", 200)]
    [InlineData("GET", "/v1/models/nope", 404)]
    [InlineData("GET", "/no/such/route", 404)]
    [InlineData("GET", "/v1/models/energy-load/forecast", 405)]
    [InlineData("POST", "/v1/models/energy-load/forecast", 415)]
    public async Task AnyResponse_HasSecurityHeaders(string method, string path, int status)
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal(path.StartsWith("/swagger", StringComparison.Ordinal) ? "default-src 'self'" : "default-src 'none'", csp.Split(';')[0]);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Cors_Default_SendsNoCorsHeaders()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight("https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_Configured_AllowsListedOriginOnly()
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://dashboard.example" });
        using var client = factory.CreateClient();

        using var allowed = await client.SendAsync(Preflight("https://dashboard.example"));
        using var other = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://dashboard.example", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://app.example/path")]
    [InlineData("not an origin")]
    public void Start_BadCorsOrigin_FailsNamingTheSetting(string origin)
    {
        using var factory = new ApiFactory(_repository.Root, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = origin });

        var ex = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Cors:AllowedOrigins:0", ex.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/models/energy-load/forecast");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : string.Empty;
}
