using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>The <c>{ok, Value}</c> / <c>{error, Reason}</c> convention of ExESDB's replies.</summary>
internal static class Replies
{
    /// <summary>The value of <c>{ok, Value}</c>; <c>{error, Reason}</c> is ExESDB refusing the request.</summary>
    public static ErlangTerm OkValue(string operation, ErlangTerm reply) => reply switch
    {
        ErlTuple { Arity: 2 } t when t[0] == ErlAtom.Ok => t[1],
        ErlTuple { Arity: 2 } t when t[0] == ErlAtom.Error => throw ExesdbFailures.ErrorReply(operation, t[1]),
        _ => throw ExesdbFailures.UnexpectedReply(operation, reply),
    };

    /// <summary>The elements of <c>{ok, List}</c>.</summary>
    public static IEnumerable<ErlangTerm> OkList(string operation, ErlangTerm reply) =>
        OkValue(operation, reply) is ErlList { IsProper: true } list
            ? list.Elements
            : throw ExesdbFailures.UnexpectedReply(operation, reply);
}
