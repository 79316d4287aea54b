namespace EsdbGater.Erlang.Terms;

/// <summary>
/// Decodes the external term format. Hostile input is expected: every length is checked against
/// the bytes that remain, nesting is capped, and every failure is a <see cref="TermDecodeException"/>.
/// </summary>
public static class TermDecoder
{
    /// <summary>Decodes one term that starts with the version byte 131 and fills <paramref name="data"/> exactly.</summary>
    public static ErlangTerm Decode(ReadOnlySpan<byte> data) => throw new NotImplementedException();

    /// <summary>
    /// Decodes one 131-prefixed term from the start of <paramref name="data"/>, reporting how many
    /// bytes it used (a distribution message holds a control term followed by a payload term).
    /// </summary>
    public static ErlangTerm DecodePrefix(ReadOnlySpan<byte> data, out int consumed) => throw new NotImplementedException();
}
