using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Tests.Subscriptions.Fakes;

/// <summary>Keeps what the engine logs, so tests can check that problems are reported.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public Changes Changes { get; } = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => _entries.ToList();

    public bool Has(LogLevel level, string text) =>
        _entries.Any(e => e.Level == level && e.Message.Contains(text, StringComparison.OrdinalIgnoreCase));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception.Message)));
        Changes.Notify();
    }
}
