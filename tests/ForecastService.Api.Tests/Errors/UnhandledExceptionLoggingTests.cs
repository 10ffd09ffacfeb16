using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ForecastService.Api.Tests.Errors;

/// <summary>An exception that escapes the pipeline: a clean 500 for the client, one log event without stack trace or paths.</summary>
public sealed class UnhandledExceptionLoggingTests : IDisposable
{
    private const string SecretDirectory = "/srv/forecast-secret/models";
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Fault_EscapingEndpoint_Logs1001WithTypeAndMessageOnly()
    {
        var captured = new LogCapture();
        using var factory = new ApiFactory(_repository.Root).WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(captured));
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ThrowAfterEndpoints>());
        });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/boom");
        request.Headers.Add("X-Correlation-Id", "fault-1");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(body)!;
        Assert.Contains("fault-1", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretDirectory, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);

        var fault = Assert.Single(captured.Events, e => e.Id.Id == 1001);
        Assert.Equal(LogLevel.Error, fault.Level);
        Assert.Contains("fault-1", fault.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: cannot read …/weights.bin", fault.Message, StringComparison.Ordinal);
        Assert.All(captured.Events, e => Assert.Null(e.Exception));
        Assert.All(captured.Events, e => Assert.DoesNotContain(SecretDirectory, e.Message, StringComparison.Ordinal));
        Assert.All(captured.Events, e => Assert.DoesNotContain(" at ForecastService", e.Message, StringComparison.Ordinal));
    }

    /// <summary>Appends, after the service's own pipeline, a middleware that throws for <c>/boom</c>.</summary>
    private sealed class ThrowAfterEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate _) =>
                throw new InvalidOperationException($"cannot read {SecretDirectory}/weights.bin for {context.Request.Path}"));
        };
    }
}
