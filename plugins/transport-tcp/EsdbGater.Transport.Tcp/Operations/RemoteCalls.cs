using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>
/// Calls, casts and rpcs on one node connection, with every failure of the distribution layer
/// turned into an <see cref="ExesdbCallException"/>: timeout, DOWN (noproc apart), lost
/// connection. Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class RemoteCalls(NodeConnection connection)
{
    private static readonly ErlAtom NoProc = ErlAtom.Of("noproc");
    private static readonly ErlAtom NoConnection = ErlAtom.Of("noconnection");

    public NodeConnection Connection => connection;

    public async Task<ErlangTerm> CallAsync(ErlangTerm target, ErlangTerm request, string operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.CallAsync(target, request, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (GenCallException e)
        {
            throw Map(e, operation);
        }
        catch (Exception e) when (IsConnectionLoss(e, cancellationToken))
        {
            throw NodeDown(operation, e);
        }
    }

    /// <summary>Returns once the cast is written; ExESDB never confirms casts.</summary>
    public async Task CastAsync(ErlangTerm target, ErlangTerm request, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await connection.CastAsync(target, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionLoss(e, cancellationToken))
        {
            throw NodeDown(operation, e);
        }
    }

    /// <summary>An rpc through <c>rex</c>; the result may be <c>{badrpc, Reason}</c>, which callers interpret.</summary>
    public async Task<ErlangTerm> RpcAsync(string module, string function, IReadOnlyList<ErlangTerm> args, string operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.RpcAsync(module, function, args, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (GenCallException e)
        {
            throw Map(e, operation);
        }
        catch (Exception e) when (IsConnectionLoss(e, cancellationToken))
        {
            throw NodeDown(operation, e);
        }
    }

    private ExesdbCallException Map(GenCallException e, string operation)
    {
        var node = connection.RemoteNode.Name;
        return e.Failure switch
        {
            GenCallFailure.Timeout => new ExesdbCallException(ExesdbCallFailure.Timeout, $"{operation} on {node} got no reply in time.", e),
            GenCallFailure.NoConnection => NodeDown(operation, e),
            GenCallFailure.Down when e.Reason == NoProc =>
                new ExesdbCallException(ExesdbCallFailure.NoProcess, $"{operation} on {node}: the target process does not exist.", e),
            GenCallFailure.Down when e.Reason == NoConnection => NodeDown(operation, e),
            _ => new ExesdbCallException(
                ExesdbCallFailure.WorkerDown,
                $"{operation} on {node}: the process exited during the call ({(e.Reason is null ? "no reason" : ExesdbFailures.Quote(e.Reason))}).",
                e),
        };
    }

    private bool IsConnectionLoss(Exception e, CancellationToken cancellationToken) =>
        e is not ExesdbCallException
        && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && !connection.IsConnected;

    private ExesdbCallException NodeDown(string operation, Exception inner) =>
        new(ExesdbCallFailure.NodeDown, $"{operation}: the connection to {connection.RemoteNode.Name} is lost.", inner);
}
