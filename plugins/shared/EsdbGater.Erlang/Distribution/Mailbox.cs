using System.Threading.Channels;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution;

/// <summary>
/// A pid of ours. Messages sent to it (by pid, or by its registered name) arrive in
/// <see cref="Messages"/>, as do monitor DOWNs (<c>{'DOWN', Ref, process, Object, Reason}</c>) and
/// link exits (<c>{'EXIT', From, Reason}</c>). Disposing it is the process's death: remote
/// monitors get DOWN and links get an exit, with reason <c>normal</c>.
/// </summary>
public sealed class Mailbox : IAsyncDisposable
{
    private Mailbox()
    {
    }

    public ErlPid Self => throw new NotImplementedException();

    public ErlAtom? RegisteredName => throw new NotImplementedException();

    /// <summary>Incoming messages, in arrival order per sender. Bounded: see the node options.</summary>
    public ChannelReader<ErlangTerm> Messages => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
