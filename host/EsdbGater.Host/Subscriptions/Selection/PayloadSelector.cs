using System.Text.Json;
using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary>By event payload: the pattern matches the event's data partially (ExESDB's <c>%{data: selector}</c>).</summary>
internal sealed class PayloadSelector(JsonElement pattern) : IEventSelector
{
    public string? SingleStream => null;

    public bool Matches(RecordedEvent recordedEvent) => JsonPattern.Matches(pattern, recordedEvent.Data);
}
