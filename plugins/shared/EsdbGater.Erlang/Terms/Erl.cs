namespace EsdbGater.Erlang.Terms;

/// <summary>Short factories for building terms in code: <c>Erl.Tuple(Erl.Atom("get_version"), store, "s1")</c>.</summary>
public static class Erl
{
    public static ErlAtom Atom(string name) => ErlAtom.Of(name);

    public static ErlTuple Tuple(params ErlangTerm[] elements) => ErlTuple.Of(elements);

    public static ErlList List(params ErlangTerm[] elements) => ErlList.Of(elements);

    public static ErlMap Map(params (ErlangTerm Key, ErlangTerm Value)[] pairs) => ErlMap.Of(pairs);

    public static ErlBinary Binary(string utf8) => ErlBinary.FromUtf8(utf8);

    public static ErlBinary Binary(byte[] bytes) => new(bytes);

    public static ErlInteger Int(long value) => ErlInteger.Of(value);
}
