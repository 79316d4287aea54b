using System.Buffers;

namespace EsdbGater.Erlang.Terms;

/// <summary>Encodes terms in the external term format, smallest encodings first, UTF-8 atoms.</summary>
public static class TermEncoder
{
    /// <summary>The encoding, starting with the version byte 131.</summary>
    public static byte[] Encode(ErlangTerm term) => throw new NotImplementedException();

    /// <summary>Writes the encoding, starting with the version byte 131, to <paramref name="writer"/>.</summary>
    public static void Encode(ErlangTerm term, IBufferWriter<byte> writer) => throw new NotImplementedException();
}
