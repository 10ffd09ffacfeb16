using System.Net;
using System.Text;
using ForecastService.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ForecastService.Api.Tests.Security;

/// <summary>
/// Behind a gateway the service does not trust, every caller shares the gateway's address and so one rate-limit
/// partition: the service says so once, naming the setting to fix. A trusted gateway (loopback by default) is quiet.
/// </summary>
public sealed class UntrustedProxyWarningTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("10.1.2.3", true, 1)]
    [InlineData("10.1.2.3", false, 0)]
    [InlineData("127.0.0.1", true, 0)]
    public async Task Forecast_ForwardedForFromPeer_WarnsOnceOnlyWhenThePeerIsUntrusted(string peer, bool forwarded, int expectedWarnings)
    {
        var captured = new LogCapture();
        using var factory = new ApiFactory(_repository.Root).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(captured)));
        var body = Encoding.UTF8.GetBytes(Requests.Body(Requests.Series("a", Requests.Wave(24))).ToJsonString());

        for (var i = 0; i < 3; i++)
        {
            var context = await factory.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                c.Request.Method = "POST";
                c.Request.Path = "/v1/models/energy-load/forecast";
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream(body);
                if (forwarded)
                {
                    c.Request.Headers["X-Forwarded-For"] = $"203.0.113.{i + 1}";
                }
            });
            Assert.Equal(200, context.Response.StatusCode);
        }

        var warnings = captured.Events.Where(e => e.Id.Id == 5003).ToList();
        Assert.Equal(expectedWarnings, warnings.Count);
        Assert.All(warnings, w => Assert.Contains($"from {peer}", w.Message, StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Contains("ForwardedHeaders:KnownProxies", w.Message, StringComparison.Ordinal));
    }
}
