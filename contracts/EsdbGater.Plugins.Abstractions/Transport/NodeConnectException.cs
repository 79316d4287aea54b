namespace EsdbGater.Plugins.Transport;

/// <summary>Connecting to a node failed. The message never contains the cookie.</summary>
public sealed class NodeConnectException(NodeConnectFailure failure, string nodeName, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public NodeConnectFailure Failure { get; } = failure;
    public string NodeName { get; } = nodeName;
}

/// <summary>Why a connection could not be made.</summary>
public enum NodeConnectFailure
{
    /// <summary>The node name is malformed (needs <c>alive@host</c>).</summary>
    InvalidNodeName,

    /// <summary>EPMD could not be reached on the node's host.</summary>
    EpmdUnreachable,

    /// <summary>EPMD does not know the node.</summary>
    NotRegistered,

    /// <summary>The node registered with a protocol version range that excludes 6.</summary>
    UnsupportedVersion,

    /// <summary>The distribution port refused or dropped the TCP connection.</summary>
    Unreachable,

    /// <summary>The node rejected our cookie digest, or its digest did not match our cookie.</summary>
    WrongCookie,

    /// <summary>The node answered <c>not_allowed</c> (flags, or <c>net_kernel:allow</c>).</summary>
    NotAllowed,

    /// <summary>The node answered <c>nok</c> or <c>alive</c> (a connection from this name is in progress).</summary>
    Busy,

    /// <summary>The node speaks TLS distribution and this connection did not.</summary>
    PeerExpectsTls,

    /// <summary>TLS negotiation failed (certificate, protocol).</summary>
    TlsFailure,

    /// <summary>A handshake step took longer than allowed.</summary>
    HandshakeTimeout,

    /// <summary>The peer sent bytes the handshake does not allow, or lacks mandatory flags.</summary>
    ProtocolError,
}
