using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>A logger provider that keeps every event at Information and above, formatted, for a test to inspect.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedEvent> _events = new();

    public IReadOnlyCollection<CapturedEvent> Events => _events;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _events);

    public void Dispose()
    {
    }

    public sealed record CapturedEvent(string Category, EventId Id, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(string category, ConcurrentQueue<CapturedEvent> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(new CapturedEvent(category, eventId, logLevel, formatter(state, exception), exception));
    }
}
