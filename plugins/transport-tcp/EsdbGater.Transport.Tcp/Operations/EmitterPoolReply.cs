using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>
/// The result of <c>ExESDB.Emitters.start_emitter_pool/2</c>, a <c>DynamicSupervisor.start_child</c>
/// result: <c>{ok, Pid}</c> or <c>{error, {already_started, Pid}}</c> both mean the pool runs.
/// </summary>
internal static class EmitterPoolReply
{
    public static bool IsStarted(ErlangTerm reply) => reply switch
    {
        ErlTuple { Arity: 2 } t when t[0] == ErlAtom.Ok => true,
        ErlTuple { Arity: 3 } t when t[0] == ErlAtom.Ok => true,
        ErlTuple { Arity: 2 } t when t[0] == ErlAtom.Error && t[1] is ErlTuple { Arity: 2 } e && e[0] == GatewayAtoms.AlreadyStarted => true,
        _ => false,
    };
}
