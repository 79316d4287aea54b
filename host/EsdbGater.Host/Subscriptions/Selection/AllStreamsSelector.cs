using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary><c>$all</c>: every event of every stream.</summary>
internal sealed class AllStreamsSelector : IEventSelector
{
    public static AllStreamsSelector Instance { get; } = new();

    public string? SingleStream => null;

    public bool Matches(RecordedEvent recordedEvent) => true;
}
