namespace EsdbGater.Erlang.Distribution.Handshake;

/// <summary>What a completed handshake established.</summary>
/// <param name="PeerName">The peer's node name from its challenge.</param>
/// <param name="PeerFlags">Everything the peer offered.</param>
/// <param name="NegotiatedFlags">Ours AND theirs: what both sides may use.</param>
/// <param name="PeerCreation">The peer's creation (changes when it restarts).</param>
internal sealed record HandshakeResult(string PeerName, DistributionFlags PeerFlags, DistributionFlags NegotiatedFlags, uint PeerCreation);
