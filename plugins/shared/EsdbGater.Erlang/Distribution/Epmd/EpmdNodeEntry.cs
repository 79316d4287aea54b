namespace EsdbGater.Erlang.Distribution.Epmd;

/// <summary>What EPMD knows about a registered node (a PORT2_RESP).</summary>
/// <param name="Name">The alive part EPMD registered.</param>
/// <param name="Port">The node's distribution port.</param>
/// <param name="NodeType">77 ('M') for a normal node, 72 ('H') for a hidden or C node.</param>
/// <param name="Protocol">0 for TCP/IPv4.</param>
/// <param name="HighestVersion">Highest distribution version the node speaks.</param>
/// <param name="LowestVersion">Lowest distribution version; OTP 25 registers 5.</param>
public sealed record EpmdNodeEntry(string Name, int Port, byte NodeType, byte Protocol, ushort HighestVersion, ushort LowestVersion)
{
    /// <summary>The only handshake version we speak.</summary>
    public const ushort DistributionVersion = 6;

    /// <summary>True when the node accepts version 6 (low &lt;= 6 &lt;= high).</summary>
    public bool SupportsVersion6 => LowestVersion <= DistributionVersion && DistributionVersion <= HighestVersion;
}
