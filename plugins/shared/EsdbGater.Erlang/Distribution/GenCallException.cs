using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution;

/// <summary>A <c>gen_server</c> call ended without a reply.</summary>
public sealed class GenCallException(GenCallFailure failure, ErlangTerm? reason, string message) : Exception(message)
{
    public GenCallFailure Failure { get; } = failure;

    /// <summary>The DOWN reason (<c>noproc</c>, <c>normal</c>, <c>{shutdown,_}</c>, ...), when there was one.</summary>
    public ErlangTerm? Reason { get; } = reason;
}

/// <summary>How a call failed.</summary>
public enum GenCallFailure
{
    /// <summary>No reply within the deadline.</summary>
    Timeout,

    /// <summary>The server exited (or did not exist: reason <c>noproc</c>).</summary>
    Down,

    /// <summary>The connection to the node was lost (<c>noconnection</c>).</summary>
    NoConnection,
}
