using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>The atoms of ExESDB's gateway-worker protocol (request tags, reply tags, options).</summary>
internal static class GatewayAtoms
{
    public static readonly ErlAtom GetVersion = ErlAtom.Of("get_version");
    public static readonly ErlAtom AppendEvents = ErlAtom.Of("append_events");
    public static readonly ErlAtom GetEvents = ErlAtom.Of("get_events");
    public static readonly ErlAtom GetStreams = ErlAtom.Of("get_streams");
    public static readonly ErlAtom ListStores = ErlAtom.Of("list_stores");
    public static readonly ErlAtom GetSubscriptions = ErlAtom.Of("get_subscriptions");
    public static readonly ErlAtom SaveSubscription = ErlAtom.Of("save_subscription");
    public static readonly ErlAtom RemoveSubscription = ErlAtom.Of("remove_subscription");
    public static readonly ErlAtom RecordSnapshot = ErlAtom.Of("record_snapshot");
    public static readonly ErlAtom ReadSnapshot = ErlAtom.Of("read_snapshot");
    public static readonly ErlAtom DeleteSnapshot = ErlAtom.Of("delete_snapshot");
    public static readonly ErlAtom ListSnapshots = ErlAtom.Of("list_snapshots");

    public static readonly ErlAtom Forward = ErlAtom.Of("forward");
    public static readonly ErlAtom Backward = ErlAtom.Of("backward");
    public static readonly ErlAtom Any = ErlAtom.Of("any");
    public static readonly ErlAtom StreamExists = ErlAtom.Of("stream_exists");
    public static readonly ErlAtom WrongExpectedVersion = ErlAtom.Of("wrong_expected_version");

    public static readonly ErlAtom ByStream = ErlAtom.Of("by_stream");
    public static readonly ErlAtom ByEventType = ErlAtom.Of("by_event_type");
    public static readonly ErlAtom ByEventPattern = ErlAtom.Of("by_event_pattern");
    public static readonly ErlAtom ByEventPayload = ErlAtom.Of("by_event_payload");
    public static readonly ErlAtom Type = ErlAtom.Of("type");
    public static readonly ErlAtom Selector = ErlAtom.Of("selector");
    public static readonly ErlAtom SubscriptionName = ErlAtom.Of("subscription_name");
    public static readonly ErlAtom StartFrom = ErlAtom.Of("start_from");
    public static readonly ErlAtom Subscriber = ErlAtom.Of("subscriber");

    public static readonly ErlAtom Snapshots = ErlAtom.Of("snapshots");
    public static readonly ErlAtom Khepri = ErlAtom.Of("khepri");
    public static readonly ErlAtom NodeNotFound = ErlAtom.Of("node_not_found");
    public static readonly ErlAtom NotFound = ErlAtom.Of("not_found");

    public static readonly ErlAtom Store = ErlAtom.Of("store");
    public static readonly ErlAtom Node = ErlAtom.Of("node");
    public static readonly ErlAtom StoreId = ErlAtom.Of("store_id");
    public static readonly ErlAtom DbType = ErlAtom.Of("db_type");
    public static readonly ErlAtom Status = ErlAtom.Of("status");
    public static readonly ErlAtom StoreDescription = ErlAtom.Of("store_description");
    public static readonly ErlAtom Tags = ErlAtom.Of("tags");

    public static readonly ErlAtom AlreadyStarted = ErlAtom.Of("already_started");
}
