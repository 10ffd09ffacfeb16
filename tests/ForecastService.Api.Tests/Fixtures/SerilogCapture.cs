using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// A Serilog sink in the test host: the service's logger reads sinks from the container (ReadFrom.Services), so this
/// sees each event exactly as the console and file sinks do, with all its properties.
/// </summary>
public sealed class SerilogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Adds this sink to the host's logger.</summary>
    public void AddTo(IWebHostBuilder builder) => builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));

    /// <summary>The completion events (1000) with this correlation id.</summary>
    public IReadOnlyList<LogEvent> Completions(string correlationId) =>
        [.. _events.Where(e => EventIdOf(e) == 1000 && Scalar(e, "CorrelationId") as string == correlationId)];

    public static int? EventIdOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var id) && id is StructureValue s && s.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int value }
            ? value
            : null;

    public static object? Scalar(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) ? (value as ScalarValue)?.Value : null;
}
