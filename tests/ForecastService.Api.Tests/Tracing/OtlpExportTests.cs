using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ForecastService.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ForecastService.Api.Tests.Tracing;

/// <summary>
/// The service as a process with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, as a container is configured, sending its
/// spans to an OTLP/HTTP receiver this test runs on loopback.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Process_OtlpEndpointSet_ExportsTheForecastSpans()
    {
        using var fixtures = FixtureRepository.With(FixtureModel.Hourly());
        var received = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        await using var receiver = await StartReceiverAsync(received);
        await using var service = await TestService.StartAsync(fixtures.Root, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Urls.Single(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        var response = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(Requests.Body(Requests.Series("a", Requests.Wave(24)))));
        // Spans reach the receiver in batches as they end, so wait until the whole tree has arrived, not only its last span.
        var exported = await Eventually.Get(
            () => Task.FromResult(received.ToList()),
            r => Contains(r, "onnxruntime.run") && Contains(r, "validate") && Contains(r, "forecast.batch.size"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(exported);
        Assert.All(exported, r => Assert.Equal("/v1/traces", r.Path));
        Assert.All(exported, r => Assert.Equal("application/x-protobuf", r.ContentType));

        // Protobuf keeps strings as UTF-8 bytes: the span names, the batch-size attribute and the service name are there.
        Assert.True(Contains(exported, "forecast-service"), "no service.name");
        Assert.True(Contains(exported, "forecast.batch.size"), "no batch size attribute");
        Assert.True(Contains(exported, "validate"), "no validate span");
        Assert.Equal(0, service.Stop(TimeSpan.FromSeconds(30)));
    }

    private static bool Contains(IEnumerable<(string Path, string? ContentType, byte[] Body)> requests, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return requests.Any(r => r.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path.Value!, request.ContentType, body.ToArray()));

            // An empty ExportTraceServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return app;
    }
}
