using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// A logger provider that keeps every event at Information and above, formatted, for a test to inspect. The service
/// logs through Serilog, which hands each event on to providers registered in the container; the message is rendered
/// as the text console shows it (strings without quotes).
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private static readonly MessageTemplateParser Parser = new();
    private static readonly MessageTemplateTextFormatter Literal = new("{Message:lj}", System.Globalization.CultureInfo.InvariantCulture);
    private readonly ConcurrentQueue<CapturedEvent> _events = new();

    public IReadOnlyCollection<CapturedEvent> Events => _events;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _events);

    public void Dispose()
    {
    }

    public sealed record CapturedEvent(string Category, EventId Id, LogLevel Level, string Message, Exception? Exception);

    /// <summary>The message with its template's values rendered literally, when the state carries a template (Serilog's does).</summary>
    private static string Render<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || values.LastOrDefault() is not { Key: "{OriginalFormat}", Value: string template })
        {
            return formatter(state, exception);
        }

        var properties = values.Take(values.Count - 1).Select(v => new LogEventProperty(v.Key, v.Value as LogEventPropertyValue ?? new ScalarValue(v.Value)));
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, Parser.Parse(template), properties);
        using var writer = new StringWriter();
        Literal.Format(logEvent, writer);
        return writer.ToString();
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedEvent> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(new CapturedEvent(category, eventId, logLevel, Render(state, exception, formatter), exception));
    }
}
