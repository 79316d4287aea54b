namespace EsdbGater.Erlang.Distribution;

/// <summary>Opening a distribution connection failed. The message never contains the cookie.</summary>
public sealed class DistributionConnectException(ConnectFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ConnectFailure Failure { get; } = failure;
}

/// <summary>Why a connection could not be opened.</summary>
public enum ConnectFailure
{
    InvalidNodeName,
    EpmdUnreachable,
    NotRegistered,
    UnsupportedVersion,
    Unreachable,
    WrongCookie,
    NotAllowed,
    Busy,
    PeerExpectsTls,
    TlsFailure,
    HandshakeTimeout,
    ProtocolError,
}
