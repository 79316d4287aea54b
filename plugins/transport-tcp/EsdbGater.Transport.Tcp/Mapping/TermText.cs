using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>Identifiers and names written by anyone, as .NET text.</summary>
internal static class TermText
{
    /// <summary>UTF-8 binaries and atoms as their text, anything else in Erlang syntax; absent is empty.</summary>
    public static string Of(ErlangTerm? term) => term switch
    {
        null => string.Empty,
        ErlBinary binary when binary.TryGetUtf8(out var text) => text,
        ErlAtom atom => atom.Name,
        _ => term.ToString(),
    };

    /// <summary>Like <see cref="Of"/>, but <c>nil</c>, <c>undefined</c> and absence are null.</summary>
    public static string? OfOptional(ErlangTerm? term) =>
        term is null || term == ErlAtom.Nil || term == ErlAtom.Undefined ? null : Of(term);
}
