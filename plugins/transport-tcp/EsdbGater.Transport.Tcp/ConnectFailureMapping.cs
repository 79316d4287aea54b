using EsdbGater.Erlang.Distribution;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Transport.Tcp;

/// <summary>The distribution layer's connect failures in the plugin contract's terms (one to one).</summary>
internal static class ConnectFailureMapping
{
    public static NodeConnectFailure From(ConnectFailure failure) => failure switch
    {
        ConnectFailure.InvalidNodeName => NodeConnectFailure.InvalidNodeName,
        ConnectFailure.EpmdUnreachable => NodeConnectFailure.EpmdUnreachable,
        ConnectFailure.NotRegistered => NodeConnectFailure.NotRegistered,
        ConnectFailure.UnsupportedVersion => NodeConnectFailure.UnsupportedVersion,
        ConnectFailure.Unreachable => NodeConnectFailure.Unreachable,
        ConnectFailure.WrongCookie => NodeConnectFailure.WrongCookie,
        ConnectFailure.NotAllowed => NodeConnectFailure.NotAllowed,
        ConnectFailure.Busy => NodeConnectFailure.Busy,
        ConnectFailure.PeerExpectsTls => NodeConnectFailure.PeerExpectsTls,
        ConnectFailure.TlsFailure => NodeConnectFailure.TlsFailure,
        ConnectFailure.HandshakeTimeout => NodeConnectFailure.HandshakeTimeout,
        _ => NodeConnectFailure.ProtocolError,
    };
}
