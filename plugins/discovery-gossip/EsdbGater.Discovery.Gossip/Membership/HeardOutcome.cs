namespace EsdbGater.Discovery.Gossip.Membership;

/// <summary>What the node table did with a heartbeat.</summary>
internal enum HeardOutcome
{
    /// <summary>A name not known before; added.</summary>
    Added,

    /// <summary>A known name; its last-heard time (and source) refreshed.</summary>
    Refreshed,

    /// <summary>A new name while the table is full; ignored.</summary>
    TableFull,
}
