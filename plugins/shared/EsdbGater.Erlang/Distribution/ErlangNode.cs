using EsdbGater.Erlang.Terms;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Distribution;

/// <summary>
/// The local hidden Erlang node: owns our pids, registered mailboxes and the connections to
/// remote nodes. Outgoing connections only; it never listens and never registers with EPMD.
/// </summary>
public sealed class ErlangNode : IAsyncDisposable
{
    public ErlangNode(ErlangNodeOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>Our node name as an atom.</summary>
    public ErlAtom Name => throw new NotImplementedException();

    /// <summary>Our creation (random, &gt;= 4), stamped into every pid and reference we make.</summary>
    public uint Creation => throw new NotImplementedException();

    /// <summary>
    /// The live connection to <paramref name="remoteNodeName"/>, opening one if needed (EPMD
    /// lookup on <paramref name="epmdHost"/> or the name's host part, then the handshake).
    /// Throws <see cref="DistributionConnectException"/> with a typed failure.
    /// </summary>
    public Task<NodeConnection> ConnectAsync(string remoteNodeName, string? epmdHost = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>A new mailbox (a pid of ours), optionally registered under a name remote nodes can send to.</summary>
    public Mailbox CreateMailbox(string? registeredName = null) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
