using System.Collections.Frozen;
using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Failures;
using EsdbGater.Transport.Tcp.Mapping;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>Subscription records, their requests and replies (contract §2 rows 6, 16, 17; §4).</summary>
internal static class SubscriptionProtocol
{
    /// <summary>
    /// By-pattern selectors are matched against the stored EventRecord, whose keys are atoms:
    /// these top-level selector keys are sent as those (existing) atoms, every other key, and
    /// every nested key, as a binary.
    /// </summary>
    private static readonly FrozenDictionary<string, ErlAtom> EventRecordFields = new[]
    {
        ElixirAtoms.EventStreamId, ElixirAtoms.EventNumber, ElixirAtoms.EventId, ElixirAtoms.EventType,
        ElixirAtoms.DataContentType, ElixirAtoms.MetadataContentType, ElixirAtoms.Data, ElixirAtoms.Metadata,
    }.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    public static ErlTuple GetSubscriptions(ErlAtom store) => ErlTuple.Of(GatewayAtoms.GetSubscriptions, store);

    /// <summary>The cast; the subscriber is always <c>nil</c>: ExESDB's emitters cannot deliver to a remote pid.</summary>
    public static ErlTuple Save(ErlAtom store, ExesdbSubscription subscription) => ErlTuple.Of(
        GatewayAtoms.SaveSubscription, store, TypeAtom(subscription.Type), SelectorTerm(subscription),
        NameTerm(subscription), StartFrom(subscription), ErlAtom.Nil);

    public static ErlTuple Remove(ErlAtom store, ExesdbSubscription subscription) => ErlTuple.Of(
        GatewayAtoms.RemoveSubscription, store, TypeAtom(subscription.Type), SelectorTerm(subscription), NameTerm(subscription));

    /// <summary>The arguments of <c>'Elixir.ExESDB.Emitters':start_emitter_pool/2</c>.</summary>
    public static IReadOnlyList<ErlangTerm> StartEmitterPoolArgs(ErlAtom store, ExesdbSubscription subscription) =>
    [
        store,
        ErlMap.Of(
            (GatewayAtoms.Type, TypeAtom(subscription.Type)),
            (GatewayAtoms.SubscriptionName, NameTerm(subscription)),
            (GatewayAtoms.Selector, SelectorTerm(subscription)),
            (GatewayAtoms.Subscriber, ErlAtom.Nil),
            (GatewayAtoms.StartFrom, StartFrom(subscription))),
    ];

    /// <summary>
    /// <c>{ok, #{[subscriptions, Key] => Record}}</c>, or <c>{ok, []}</c> when ExESDB's Khepri
    /// query failed. Records of a shape ExESDB does not write are skipped.
    /// </summary>
    public static IReadOnlyList<ExesdbSubscription> ParseGetSubscriptions(ErlangTerm reply) => Replies.OkValue("get_subscriptions", reply) switch
    {
        ErlList { IsEmpty: true } => [],
        ErlMap map => map.Pairs
            .Select(pair => TryParseRecord(pair.Value))
            .OfType<ExesdbSubscription>()
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Type).ThenBy(s => s.Selector, StringComparer.Ordinal)
            .ToArray(),
        _ => throw ExesdbFailures.UnexpectedReply("get_subscriptions", reply),
    };

    public static ErlAtom TypeAtom(SubscriptionType type) => type switch
    {
        SubscriptionType.ByStream => GatewayAtoms.ByStream,
        SubscriptionType.ByEventType => GatewayAtoms.ByEventType,
        SubscriptionType.ByEventPattern => GatewayAtoms.ByEventPattern,
        SubscriptionType.ByEventPayload => GatewayAtoms.ByEventPayload,
        _ => throw ExesdbFailures.InvalidArgument($"Unknown subscription type {(int)type}."),
    };

    /// <summary>
    /// Stream and event-type selectors are binaries; pattern and payload selectors are JSON
    /// objects sent as maps (binary keys, except the EventRecord field names of a pattern).
    /// </summary>
    public static ErlangTerm SelectorTerm(ExesdbSubscription subscription)
    {
        if (string.IsNullOrEmpty(subscription.Selector))
        {
            throw ExesdbFailures.InvalidArgument("The subscription selector is empty.");
        }

        if (subscription.Type is SubscriptionType.ByStream or SubscriptionType.ByEventType)
        {
            return JsonToTerm.Utf8Binary(subscription.Selector, "The subscription selector");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(subscription.Selector, new JsonDocumentOptions { MaxDepth = JsonToTerm.MaxDepth });
        }
        catch (JsonException)
        {
            throw ExesdbFailures.InvalidArgument($"The {subscription.Type} selector must be a JSON object.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ExesdbFailures.InvalidArgument($"The {subscription.Type} selector must be a JSON object.");
            }

            return JsonToTerm.Convert(
                document.RootElement,
                "The subscription selector",
                subscription.Type == SubscriptionType.ByEventPattern ? EventRecordFields : null);
        }
    }

    private static ErlBinary NameTerm(ExesdbSubscription subscription) =>
        string.IsNullOrEmpty(subscription.Name)
            ? throw ExesdbFailures.InvalidArgument("The subscription name is empty.")
            : JsonToTerm.Utf8Binary(subscription.Name, "The subscription name");

    private static ErlInteger StartFrom(ExesdbSubscription subscription) =>
        subscription.StartFrom >= 0
            ? ErlInteger.Of(subscription.StartFrom)
            : throw ExesdbFailures.InvalidArgument($"The subscription's start position must not be negative (was {subscription.StartFrom}).");

    private static ExesdbSubscription? TryParseRecord(ErlangTerm record)
    {
        if (record is not ErlMap map || map[GatewayAtoms.Type] is not ErlAtom typeAtom || !TryParseType(typeAtom, out var type))
        {
            return null;
        }

        var selector = map[GatewayAtoms.Selector] switch
        {
            ErlMap pattern => TermToJson.Convert(pattern).GetRawText(),
            var other => TermText.Of(other),
        };
        var startFrom = map[GatewayAtoms.StartFrom] is ErlInteger { FitsInt64: true } s ? s.Int64Value : 0;
        var subscriber = map[GatewayAtoms.Subscriber] is ErlPid pid ? pid.ToString() : TermText.OfOptional(map[GatewayAtoms.Subscriber]);

        return new ExesdbSubscription(type, selector, TermText.Of(map[GatewayAtoms.SubscriptionName]), startFrom, subscriber);
    }

    private static bool TryParseType(ErlAtom atom, out SubscriptionType type)
    {
        (var known, type) = atom.Name switch
        {
            "by_stream" => (true, SubscriptionType.ByStream),
            "by_event_type" => (true, SubscriptionType.ByEventType),
            "by_event_pattern" => (true, SubscriptionType.ByEventPattern),
            "by_event_payload" => (true, SubscriptionType.ByEventPayload),
            _ => (false, default),
        };
        return known;
    }
}
