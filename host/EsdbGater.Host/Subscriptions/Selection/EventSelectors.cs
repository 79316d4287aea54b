using System.Text.Json;
using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary>Turns a subscription's type and selector text into an <see cref="IEventSelector"/>.</summary>
internal static class EventSelectors
{
    /// <summary>The selector, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static IEventSelector? TryCreate(SubscriptionType type, string? selector, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(selector))
        {
            problem = "a selector is required.";
            return null;
        }

        switch (type)
        {
            case SubscriptionType.ByStream when selector == "$all":
                return AllStreamsSelector.Instance;
            case SubscriptionType.ByStream when selector.Length > 1 && selector[0] == '$':
                // As ExESDB: the stream id is the text after the first '$'.
                return new StreamSelector(selector[1..]);
            case SubscriptionType.ByStream:
                problem = "a by-stream selector is \"$all\" or \"$<stream-id>\".";
                return null;
            case SubscriptionType.ByEventType:
                return new EventTypeSelector(selector);
            case SubscriptionType.ByEventPattern:
                return ParseObject(selector, out problem) is { } recordPattern ? new RecordPatternSelector(recordPattern) : null;
            case SubscriptionType.ByEventPayload:
                return ParseObject(selector, out problem) is { } payloadPattern ? new PayloadSelector(payloadPattern) : null;
            default:
                problem = "the type must be ByStream, ByEventType, ByEventPattern or ByEventPayload.";
                return null;
        }
    }

    /// <summary>The selector of an already validated definition.</summary>
    public static IEventSelector Create(SubscriptionType type, string selector) =>
        TryCreate(type, selector, out var problem) ?? throw new ArgumentException(problem, nameof(selector));

    private static JsonElement? ParseObject(string text, out string? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "a pattern or payload selector must be a JSON object.";
                return null;
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problem = "the selector is not valid JSON: " + e.Message;
            return null;
        }
    }
}
