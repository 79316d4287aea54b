namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>libcluster Gossip heartbeats from the development nodes, on loopback only.</summary>
public sealed record DevGossipOptions
{
    public DevGossipMode Mode { get; init; } = DevGossipMode.Unicast;

    /// <summary>The UDP port heartbeats go to (use <see cref="LocalPorts.Next"/>-style isolated ports in tests).</summary>
    public required int Port { get; init; }

    /// <summary>The multicast group for <see cref="DevGossipMode.Multicast"/>.</summary>
    public string MulticastAddress { get; init; } = "239.255.0.1";

    /// <summary>Each heartbeat follows the previous one after uniform(1..IntervalMs) ms, as libcluster does.</summary>
    public int IntervalMs { get; init; } = 5000;

    /// <summary>The cluster secret (AES-256-CBC); null sends plaintext heartbeats. Passed by environment, never logged.</summary>
    public string? Secret { get; init; }

    /// <summary>In multicast mode, whether nodes connect to the nodes they hear (libcluster does).</summary>
    public bool Connect { get; init; } = true;
}
