namespace EsdbGater.Contracts;

/// <summary>How new events of a store reach the gateway.</summary>
public enum LiveFeedState
{
    /// <summary>Not known yet (no status produced).</summary>
    Unknown = 0,

    /// <summary>ExESDB's emitters broadcast to the gateway over Phoenix.PubSub; polling only as a slow safety sweep.</summary>
    LiveViaPubSub = 1,

    /// <summary>
    /// No emitter pool for the store runs on any connected node (a real ExESDB 0.11 node starts
    /// none after a normal start): new events are found by polling versions, with back-off.
    /// </summary>
    PollingNoEmitters = 2,

    /// <summary>Polling while the gateway starts the missing emitter pool through <c>rex</c> (<c>Subscriptions:RepairEmitters</c>).</summary>
    Repairing = 3,

    /// <summary>No connected node offers the PubSub feed at all: polling.</summary>
    PollingNoFeed = 4,
}
