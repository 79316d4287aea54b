using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Selection;

namespace EsdbGater.Host.Tests.Subscriptions;

/// <summary>The gateway's filters: ExESDB's selector kinds, with partial map matching.</summary>
public sealed class SelectorTests
{
    private static RecordedEvent Event(string stream = "orders-1", long number = 3, string type = "order_placed:v1", string data = """{"total":12,"customer":{"id":"c-1","tier":"gold"},"lines":[1,2]}""", string? metadata = null) =>
        new(stream, number, "id-1", type, JsonDocument.Parse(data).RootElement, metadata is null ? null : JsonDocument.Parse(metadata).RootElement, ContentTypes.Json, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(SubscriptionType.ByStream, "$all", true)]
    [InlineData(SubscriptionType.ByStream, "$orders-1", true)]
    [InlineData(SubscriptionType.ByStream, "$orders-2", false)]
    [InlineData(SubscriptionType.ByEventType, "order_placed:v1", true)]
    [InlineData(SubscriptionType.ByEventType, "order_placed", false)]
    [InlineData(SubscriptionType.ByEventPayload, """{"total":12}""", true)]
    [InlineData(SubscriptionType.ByEventPayload, """{"customer":{"tier":"gold"}}""", true)]
    [InlineData(SubscriptionType.ByEventPayload, """{"customer":{"tier":"silver"}}""", false)]
    [InlineData(SubscriptionType.ByEventPayload, """{"total":12.0}""", false)]
    [InlineData(SubscriptionType.ByEventPayload, """{"lines":[1,2]}""", true)]
    [InlineData(SubscriptionType.ByEventPayload, """{"lines":[1]}""", false)]
    [InlineData(SubscriptionType.ByEventPayload, """{"missing":null}""", false)]
    [InlineData(SubscriptionType.ByEventPayload, "{}", true)]
    [InlineData(SubscriptionType.ByEventPattern, """{"event_type":"order_placed:v1","event_stream_id":"orders-1"}""", true)]
    [InlineData(SubscriptionType.ByEventPattern, """{"event_number":3,"data":{"customer":{"id":"c-1"}}}""", true)]
    [InlineData(SubscriptionType.ByEventPattern, """{"event_stream_id":"orders-2"}""", false)]
    [InlineData(SubscriptionType.ByEventPattern, """{"unknown_field":1}""", false)]
    [InlineData(SubscriptionType.ByEventPattern, """{"metadata":null}""", true)]
    public void Selectors_match_like_exesdb(SubscriptionType type, string selector, bool matches)
    {
        var compiled = EventSelectors.TryCreate(type, selector, out var problem);

        Assert.Null(problem);
        Assert.Equal(matches, compiled!.Matches(Event()));
    }

    [Fact]
    public void Only_a_stream_selector_reads_a_single_stream()
    {
        Assert.Equal("orders-1", EventSelectors.Create(SubscriptionType.ByStream, "$orders-1").SingleStream);
        Assert.Equal("a$b", EventSelectors.Create(SubscriptionType.ByStream, "$a$b").SingleStream);
        Assert.Null(EventSelectors.Create(SubscriptionType.ByStream, "$all").SingleStream);
        Assert.Null(EventSelectors.Create(SubscriptionType.ByEventType, "t").SingleStream);
    }
}
