using EsdbGater.Contracts;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// One way from the benchmark to the store: through RabbitMQ and the gateway host, or straight
/// through the tcp transport plugin. The same cases run on both, so the difference between them
/// is what the bus and the host cost. Every method throws when the store did not do what was asked.
/// </summary>
public interface IStorePath
{
    /// <summary>Short name for the report (<c>gateway</c>, <c>direct</c>).</summary>
    string Name { get; }

    /// <summary>Appends with <see cref="ExpectedVersion.Any"/>; returns the stream's version afterwards.</summary>
    Task<long> AppendAsync(string streamId, IReadOnlyList<EventData> events, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="count"/> events forward from <paramref name="start"/>.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAsync(string streamId, long start, int count, CancellationToken cancellationToken);

    /// <summary>The stream's version (-1 when it has no events).</summary>
    Task<long> VersionAsync(string streamId, CancellationToken cancellationToken);
}
