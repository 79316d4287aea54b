using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary><c>$&lt;stream&gt;</c>: every event of one stream.</summary>
internal sealed class StreamSelector(string streamId) : IEventSelector
{
    public string? SingleStream { get; } = streamId;

    public bool Matches(RecordedEvent recordedEvent) =>
        string.Equals(recordedEvent.StreamId, SingleStream, StringComparison.Ordinal);
}
