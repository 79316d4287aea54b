using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution.Runtime;

/// <summary>A <c>gen_server</c> call waiting for its reply, keyed by its monitor reference.</summary>
internal sealed class PendingCall(ErlangTerm server, ErlAtom remoteNode)
{
    private readonly TaskCompletionSource<ErlangTerm> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _monitorEnded;

    public ErlangTerm Server { get; } = server;

    public Task<ErlangTerm> Outcome => _outcome.Task;

    /// <summary>True once a DOWN ended the monitor (or the connection did): no DEMONITOR is due.</summary>
    public bool MonitorEnded => _monitorEnded;

    public void Reply(ErlangTerm reply) => _outcome.TrySetResult(reply);

    public void Down(ErlangTerm reason)
    {
        _monitorEnded = true;
        if (Atoms.NoConnection.Equals(reason))
        {
            ConnectionLost();
            return;
        }

        _outcome.TrySetException(new GenCallException(GenCallFailure.Down, reason, $"The gen_server call to {Describe()} failed: the server went down ({Abbreviate(reason)})."));
    }

    public void ConnectionLost()
    {
        _monitorEnded = true;
        _outcome.TrySetException(new GenCallException(GenCallFailure.NoConnection, Atoms.NoConnection, $"The gen_server call to {Describe()} failed: the connection to the node was lost."));
    }

    public GenCallException TimedOut(TimeSpan timeout) =>
        new(GenCallFailure.Timeout, null, $"The gen_server call to {Describe()} got no reply within {timeout.TotalMilliseconds:0} ms.");

    private string Describe() => Server is ErlPid ? $"{Server}" : $"{{{Server},{remoteNode}}}";

    private static string Abbreviate(ErlangTerm term)
    {
        var sb = new System.Text.StringBuilder();
        term.Format(sb, 300);
        return sb.ToString();
    }
}
