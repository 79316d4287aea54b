using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

/// <summary>Keeps every log line (category, level, rendered message) so tests can assert on logs.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public string AllText => string.Join('\n', Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Waits until a matching entry has been logged (or already was).</summary>
    public async Task<(string Category, LogLevel Level, string Message)> WaitForAsync(Func<(string Category, LogLevel Level, string Message), bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<(string, LogLevel, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((match, found));
        }

        foreach (var entry in Entries)
        {
            if (match(entry))
            {
                found.TrySetResult(entry);
            }
        }

        return await found.Task.WaitAsync(timeout);
    }

    private readonly List<(Func<(string Category, LogLevel Level, string Message), bool> Match, TaskCompletionSource<(string, LogLevel, string)> Found)> _waiters = [];

    private void Add((string Category, LogLevel Level, string Message) entry)
    {
        Entries.Enqueue(entry);
        lock (_waiters)
        {
            foreach (var waiter in _waiters)
            {
                if (waiter.Match(entry))
                {
                    waiter.Found.TrySetResult(entry);
                }
            }
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add((category, logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
