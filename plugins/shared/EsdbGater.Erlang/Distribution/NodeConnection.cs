using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution;

/// <summary>One distribution connection to a remote node.</summary>
public sealed class NodeConnection : IAsyncDisposable
{
    private NodeConnection()
    {
    }

    public ErlAtom RemoteNode => throw new NotImplementedException();

    /// <summary>The remote node's creation from the handshake (changes when it restarts).</summary>
    public uint RemoteCreation => throw new NotImplementedException();

    /// <summary>Flags both sides agreed on.</summary>
    public ulong NegotiatedFlags => throw new NotImplementedException();

    public bool IsConnected => throw new NotImplementedException();

    /// <summary>Completes, never faults, when the connection ends; the value says why.</summary>
    public Task<string> Closed => throw new NotImplementedException();

    /// <summary>
    /// <c>gen_server:call</c>: monitors <paramref name="server"/> (a registered-name atom or a pid),
    /// sends <c>{'$gen_call', {Self, Ref}, Request}</c> and waits for the reply. Throws
    /// <see cref="GenCallException"/> on timeout, DOWN (with the reason) or connection loss.
    /// </summary>
    public Task<ErlangTerm> CallAsync(ErlangTerm server, ErlangTerm request, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary><c>gen_server:cast</c>: sends <c>{'$gen_cast', Request}</c>; no reply ever comes.</summary>
    public ValueTask CastAsync(ErlangTerm server, ErlangTerm request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// <c>rpc:call</c> through the remote <c>rex</c> server. Returns the function's result, which
    /// may be <c>{badrpc, Reason}</c>; transport failures throw <see cref="GenCallException"/>.
    /// </summary>
    public Task<ErlangTerm> RpcAsync(string module, string function, IReadOnlyList<ErlangTerm> args, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Sends <paramref name="message"/> from <paramref name="from"/> to a remote pid or registered name.</summary>
    public ValueTask SendAsync(Mailbox from, ErlangTerm to, ErlangTerm message, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Monitors a remote process (pid or registered-name atom) on behalf of <paramref name="owner"/>;
    /// the DOWN arrives in the owner's messages as <c>{'DOWN', Ref, process, Object, Reason}</c>,
    /// with reason <c>noconnection</c> when the connection drops.
    /// </summary>
    public ValueTask<ErlRef> MonitorAsync(Mailbox owner, ErlangTerm target, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public ValueTask DemonitorAsync(Mailbox owner, ErlangTerm target, ErlRef monitorRef, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
