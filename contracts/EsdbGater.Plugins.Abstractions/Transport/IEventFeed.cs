using EsdbGater.Contracts;

namespace EsdbGater.Plugins.Transport;

/// <summary>
/// The live PubSub feed of one ExESDB node: what its emitters broadcast to
/// <c>:ex_esdb_events</c> group members, and which emitter pools exist (the pg groups
/// <c>{Store, SubTopic, emitters}</c>) so that a missing pool can be detected.
/// </summary>
public interface IEventFeed : IAsyncDisposable
{
    /// <summary>Broadcasts in arrival order. Completes when the feed or its connection ends.</summary>
    IAsyncEnumerable<FeedEvent> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The emitter pools the node's pg scope currently reports.</summary>
    IReadOnlyCollection<EmitterGroup> EmitterGroups { get; }
}

/// <summary>One event of a <c>forward_to_local</c> broadcast.</summary>
/// <param name="Topic">PubSub topic, <c>"&lt;store&gt;:&lt;sub_topic&gt;"</c>.</param>
/// <param name="Event">The event record.</param>
public sealed record FeedEvent(string Topic, RecordedEvent Event);

/// <summary>An emitter pool seen as a pg group <c>{Store, SubTopic, emitters}</c>.</summary>
public sealed record EmitterGroup(string Store, string SubTopic);
