namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>Where development nodes send their libcluster Gossip heartbeats. Always loopback.</summary>
public enum DevGossipMode
{
    /// <summary>Unicast to 127.0.0.1 on <see cref="DevGossipOptions.Port"/>.</summary>
    Unicast,

    /// <summary>Multicast to <see cref="DevGossipOptions.MulticastAddress"/> out of 127.0.0.1 with TTL 0; the nodes also listen.</summary>
    Multicast,
}
