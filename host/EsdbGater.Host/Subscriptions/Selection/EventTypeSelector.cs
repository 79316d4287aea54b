using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary>By event type: equal type names, as ExESDB's <c>%{event_type: selector}</c> match.</summary>
internal sealed class EventTypeSelector(string eventType) : IEventSelector
{
    public string? SingleStream => null;

    public bool Matches(RecordedEvent recordedEvent) =>
        string.Equals(recordedEvent.EventType, eventType, StringComparison.Ordinal);
}
