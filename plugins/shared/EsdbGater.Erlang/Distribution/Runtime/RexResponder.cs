using EsdbGater.Erlang.Distribution.Handshake;
using EsdbGater.Erlang.Distribution.Protocol;
using EsdbGater.Erlang.Terms;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Distribution.Runtime;

/// <summary>
/// Our <c>rex</c>: BEAM nodes rpc into every node that connects (Swarm and ExESDB's cluster
/// monitor ask for <c>application:which_applications</c>), and a caller that never gets an
/// answer can block forever. We answer that one call with a list without <c>swarm</c>, and
/// every other call with <c>{badrpc, _}</c>, at once.
/// </summary>
internal sealed class RexResponder(ErlangNode node, ILogger logger)
{
    private static readonly ErlList Applications = ErlList.Of(
        Application("kernel", "ERTS  CXC 138 10", "9.0"),
        Application("stdlib", "ERTS  CXC 138 10", "5.0"),
        Application("esdbgater", "EsdbGater hidden .NET node (no rpc server)", typeof(RexResponder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));

    /// <summary>Handles one message sent to <c>rex</c> (by name or to its pid).</summary>
    public async ValueTask HandleAsync(NodeConnection connection, ErlangTerm message)
    {
        switch (message)
        {
            // gen_server:call({rex, Us}, Request): reply {Tag, Result} to the caller (or its alias).
            case ErlTuple { Arity: 3 } t when t[0].Equals(Atoms.GenCall) && t[1] is ErlTuple { Arity: 2 } from && from[0] is ErlPid caller:
                TransportLog.RexAnswered(logger, connection.RemoteNode.Name, Describe(t[2]));
                await ReplyAsync(connection, caller, from[1], Answer(t[2])).ConfigureAwait(false);
                return;

            // The C-node form: {Pid, {call, M, F, A, GL}} answered with {rex, Result}.
            case ErlTuple { Arity: 2 } t when t[0] is ErlPid caller && t[1] is ErlTuple { Arity: 5 } request && request[0].Equals(Atoms.Call):
                TransportLog.RexAnswered(logger, connection.RemoteNode.Name, Describe(request));
                await connection.SendToPidAsync(node.RexPid, caller, Erl.Tuple(Atoms.Rex, Answer(request))).ConfigureAwait(false);
                return;

            // Feature probe: we have no erpc (no SPAWN), so nothing to offer.
            case ErlTuple { Arity: 2 } t when t[0] is ErlPid caller && t[1].Equals(Atoms.FeaturesRequest):
                await connection.SendToPidAsync(node.RexPid, caller, Erl.Tuple(Atoms.FeaturesReply, node.Name, ErlList.Empty)).ConfigureAwait(false);
                return;

            default:
                // Casts ({'$gen_cast', {cast, ...}}) and anything else: nothing to run, nothing to answer.
                TransportLog.IgnoredSignal(logger, connection.RemoteNode.Name, "rex message " + Describe(message));
                return;
        }
    }

    /// <summary>The result of an rpc request: the application list, or a badrpc for anything else.</summary>
    public static ErlangTerm Answer(ErlangTerm request) => request switch
    {
        ErlTuple { Arity: 5 } call when IsCall(call[0]) && call[1].Equals(Atoms.Application) && call[2].Equals(Atoms.WhichApplications) => Applications,
        ErlTuple { Arity: 5 } call when IsCall(call[0]) && call[1] is ErlAtom m && call[2] is ErlAtom f =>
            Erl.Tuple(Atoms.BadRpc, Erl.Tuple(Atoms.Exit, Erl.Tuple(Atoms.Undef, ErlList.Of(Erl.Tuple(m, f, call[3], ErlList.Empty))))),
        _ => Erl.Tuple(Atoms.BadRpc, Atoms.NotSup),
    };

    // gen:reply/2: a [alias|Ref] (or [[alias|Ref]|_]) tag goes to the alias, anything else to the pid.
    private async ValueTask ReplyAsync(NodeConnection connection, ErlPid caller, ErlangTerm tag, ErlangTerm result)
    {
        var reply = Erl.Tuple(tag, result);
        if (AliasOf(tag) is { } alias && connection.Negotiated(DistributionFlags.Alias))
        {
            await connection.SendSignalAsync(ControlMessages.AliasSend(node.RexPid, alias), reply).ConfigureAwait(false);
            return;
        }

        await connection.SendToPidAsync(node.RexPid, caller, reply).ConfigureAwait(false);
    }

    private static ErlRef? AliasOf(ErlangTerm tag) => tag switch
    {
        ErlList { Count: 1, IsProper: false } l when l[0].Equals(Atoms.Alias) => l.Tail as ErlRef,
        ErlList { Count: >= 1 } l when l[0] is ErlList { Count: 1, IsProper: false } inner && inner[0].Equals(Atoms.Alias) => inner.Tail as ErlRef,
        _ => null,
    };

    private static bool IsCall(ErlangTerm kind) => kind.Equals(Atoms.Call) || kind.Equals(Atoms.BlockCall);

    private static ErlTuple Application(string name, string description, string version) =>
        Erl.Tuple(ErlAtom.Of(name), ErlList.FromString(description), ErlList.FromString(version));

    private static string Describe(ErlangTerm term)
    {
        var sb = new System.Text.StringBuilder();
        term.Format(sb, 200);
        return sb.ToString();
    }
}
