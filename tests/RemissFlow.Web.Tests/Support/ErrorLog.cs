using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// Collects what the app logs as an error, with its exception: a failure after the response
/// has started (a body on a 204, a header too late) reaches the client as a normal answer and
/// shows only here.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
