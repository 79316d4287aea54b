using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Seams;

/// <summary>
/// The live events of the stores, merged from the PubSub feeds of every connected node: what
/// ExESDB's emitters broadcast on <c>"&lt;store&gt;:$all"</c> (the built-in <c>all-events</c>
/// subscription, which covers every kind of subscription: the gateway filters itself).
/// </summary>
internal interface ILiveFeedSource
{
    /// <summary>
    /// Calls <paramref name="onEvent"/> for each live event of <paramref name="store"/> until the
    /// returned handle is disposed. The callback runs on the feed's thread and must not block.
    /// </summary>
    IDisposable Subscribe(string store, Action<RecordedEvent> onEvent);

    /// <summary>Whether anything can deliver the store's events right now.</summary>
    StoreFeedStatus GetStatus(string store);

    /// <summary>Calls <paramref name="onChange"/> whenever any store's status may have changed (a feed joined or ended, an emitter group appeared or went).</summary>
    IDisposable OnStatusChanged(Action onChange);

    /// <summary>Starts the store's <c>all-events</c> emitter pool through <c>rex</c> on one connected node.</summary>
    Task RepairEmittersAsync(string store, CancellationToken cancellationToken);
}

/// <summary>The feed of one store across the connected nodes.</summary>
/// <param name="ConnectedFeeds">Nodes whose PubSub feed the gateway has joined.</param>
/// <param name="HasEmitters">True when one of them reports the pg group <c>{Store, "$all", emitters}</c>.</param>
internal readonly record struct StoreFeedStatus(int ConnectedFeeds, bool HasEmitters);
