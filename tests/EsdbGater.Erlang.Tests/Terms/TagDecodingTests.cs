using System.Numerics;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>Every tag of the reference's table (section 4.2): decoded, or rejected with a typed error.</summary>
public sealed class TagDecodingTests
{
    // term_to_binary(fun(X) -> X + Y end) with Y = 5, from an erl -eval on OTP 25.2.3 (an erl_eval closure).
    internal const string ErlEvalClosure =
        "8370000000BA01065361AA461590D1BDF1EB62D1A6EB080000002A00000001770865726C5F6576616C612A6200329B0D58770D6E6F6E6F6465406E6F686F7374000000090000000000000000680661016C00000001680277015961056A77046E6F6E6577046E6F6E6574000000006C0000000168057706636C6175736561016C000000016803770376617261017701586A6A6C00000001680577026F70610177012B6803770376617261017701586803770376617261017701596A6A";

    public static TheoryData<string, ErlangTerm> Decodable => new()
    {
        { "83 61 ff", 255 }, // SMALL_INTEGER_EXT
        { "83 62 ffffff85", -123 }, // INTEGER_EXT
        { "83 6e 08 01 0000000000000080", long.MinValue }, // SMALL_BIG_EXT at the edge of long
        { "83 6e 08 00 ffffffffffffffff", (ErlangTerm)ErlInteger.Of(ulong.MaxValue) },
        { "83 46 bff8000000000000", -1.5 }, // NEW_FLOAT_EXT
        { "83 63 \"1.50000000000000000000e+00\" 0000000000", 1.5 }, // FLOAT_EXT
        { "83 64 0003 \"abc\"", Erl.Atom("abc") }, // ATOM_EXT
        { "83 64 0001 e9", Erl.Atom("é") }, // ATOM_EXT is Latin-1
        { "83 73 03 \"abc\"", Erl.Atom("abc") }, // SMALL_ATOM_EXT
        { "83 76 0003 \"abc\"", Erl.Atom("abc") }, // ATOM_UTF8_EXT
        { "83 77 02 c3a9", Erl.Atom("é") }, // SMALL_ATOM_UTF8_EXT
        { "83 6d 00000000", ErlBinary.Empty }, // BINARY_EXT
        { "83 6d 00000003 010203", Erl.Binary([1, 2, 3]) },
        { "83 4d 00000002 04 ff f0", new ErlBitBinary(new byte[] { 0xff, 0xf0 }, 4) }, // BIT_BINARY_EXT
        { "83 4d 00000001 08 ff", Erl.Binary([0xff]) }, // a whole last byte is a binary
        { "83 4d 00000000 00", ErlBinary.Empty },
        { "83 6b 0003 \"abc\"", ErlList.FromString("abc") }, // STRING_EXT
        { "83 6b 0000", ErlList.Empty },
        { "83 6c 00000002 61 01 61 02 6a", Erl.List(1, 2) }, // LIST_EXT
        { "83 6c 00000001 61 01 61 02", new ErlList([1], 2) }, // improper
        { "83 6c 00000001 61 01 6c 00000001 61 02 6a", Erl.List(1, 2) }, // [1|[2]]
        { "83 6c 00000001 61 01 6b 0001 02", Erl.List(1, 2) }, // [1|"\x02"]
        { "83 6c 00000000 6a", ErlList.Empty },
        { "83 6c 00000000 61 07", 7 }, // [] ++ 7, as binary_to_term reads it
        { "83 6a", ErlList.Empty }, // NIL_EXT
        { "83 68 00", Erl.Tuple() }, // SMALL_TUPLE_EXT
        { "83 68 02 61 01 6a", Erl.Tuple(1, ErlList.Empty) },
        { "83 69 00000001 61 01", Erl.Tuple(1) }, // LARGE_TUPLE_EXT
        { "83 74 00000000", ErlMap.Empty }, // MAP_EXT
        { "83 74 00000002 61 01 61 02 77 01 \"a\" 6a", Erl.Map((1, 2), (Erl.Atom("a"), ErlList.Empty)) },
        { "83 58 77 01 \"n\" 00000001 00000002 00000003", new ErlPid(Erl.Atom("n"), 1, 2, 3) }, // NEW_PID_EXT
        { "83 67 64 0001 \"n\" 00000005 00000000 02", new ErlPid(Erl.Atom("n"), 5, 0, 2) }, // PID_EXT
        { "83 5a 0003 77 01 \"n\" 00000009 00000001 00000002 00000003", new ErlRef(Erl.Atom("n"), 9, [1, 2, 3]) }, // NEWER_REFERENCE_EXT
        { "83 5a 0005 77 01 \"n\" 00000009 00000001 00000002 00000003 00000004 00000005", new ErlRef(Erl.Atom("n"), 9, [1, 2, 3, 4, 5]) },
        { "83 72 0002 64 0001 \"n\" 03 00000001 00000002", new ErlRef(Erl.Atom("n"), 3, [1, 2]) }, // NEW_REFERENCE_EXT
        { "83 65 64 0001 \"n\" 00000007 01", new ErlRef(Erl.Atom("n"), 1, [7]) }, // REFERENCE_EXT
        { "83 78 77 01 \"n\" 0000000100000002 00000003", new ErlPort(Erl.Atom("n"), 0x1_0000_0002, 3) }, // V4_PORT_EXT
        { "83 59 64 000d \"nonode@nohost\" 00000000 00000000", new ErlPort(Erl.Atom("nonode@nohost"), 0, 0) }, // NEW_PORT_EXT (OTP 25)
        { "83 66 77 01 \"n\" 00000004 05", new ErlPort(Erl.Atom("n"), 4, 5) }, // PORT_EXT
        { "83 71 64 0005 \"lists\" 64 0003 \"seq\" 61 02", new ErlExport(Erl.Atom("lists"), Erl.Atom("seq"), 2) }, // EXPORT_EXT
        { "83 71 77 01 \"m\" 77 01 \"f\" 62 00000003", new ErlExport(Erl.Atom("m"), Erl.Atom("f"), 3) },
    };

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Decodes(string dump, ErlangTerm expected)
    {
        var bytes = WireDump.Parse(dump);

        var term = TermDecoder.Decode(bytes);

        Assert.Equal(expected, term);
        Assert.Equal(expected.GetHashCode(), term.GetHashCode());
    }

    [Fact]
    public void Large_big_ext_holds_integers_of_more_than_255_bytes()
    {
        byte[] bytes = [131, 111, 0, 0, 1, 0, 1, .. new byte[255], 1];

        var term = Assert.IsType<ErlInteger>(TermDecoder.Decode(bytes));

        Assert.Equal(-BigInteger.Pow(2, 8 * 255), term.Value);
        Assert.Equal(bytes, TermEncoder.Encode(term));
    }

    [Fact]
    public void Large_atom_ext_holds_utf8_atoms_of_more_than_255_bytes()
    {
        var name = new string('é', 200);
        byte[] bytes = [131, 118, 0x01, 0x90, .. System.Text.Encoding.UTF8.GetBytes(name)];

        Assert.Equal(Erl.Atom(name), TermDecoder.Decode(bytes));
        Assert.Equal(bytes, TermEncoder.Encode(Erl.Atom(name)));
    }

    [Fact]
    public void New_fun_ext_is_kept_opaque_and_echoed_verbatim()
    {
        var bytes = Convert.FromHexString(ErlEvalClosure);

        var fun = Assert.IsType<ErlFun>(TermDecoder.Decode(bytes));

        Assert.Equal(Erl.Atom("erl_eval"), fun.Module);
        Assert.Equal(1, fun.Arity);
        Assert.Equal(bytes[1..], fun.Encoded.ToArray());
        Assert.Equal(bytes, TermEncoder.Encode(fun));
    }

    [Fact]
    public void New_fun_ext_whose_size_disagrees_with_its_contents_is_rejected()
    {
        var bytes = Convert.FromHexString(ErlEvalClosure);
        var longer = (byte[])bytes.Clone();
        longer[4]++; // Size claims one byte more than the fields use
        byte[] padded = [.. longer, 0x6a];

        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(padded));
        Assert.Contains("NEW_FUN_EXT size", error.Message);
    }

    [Fact]
    public void Compressed_term_inflates_to_the_same_term_as_the_plain_one()
    {
        var plain = Erl.Tuple(Erl.Binary(new byte[5000]), Erl.Atom("padding"), Erl.List(Enumerable.Repeat<ErlangTerm>(Erl.Atom("x"), 300).ToArray()));
        var compressed = Compress(TermEncoder.Encode(plain));

        Assert.True(compressed.Length < 200);
        Assert.Equal(plain, TermDecoder.Decode(compressed));
        Assert.Equal(plain, TermDecoder.DecodePrefix(compressed, out var consumed));
        Assert.Equal(compressed.Length, consumed);
    }

    [Theory]
    [InlineData("83 52 00", "ATOM_CACHE_REF")]
    [InlineData("83 75 00000000", "FUN_EXT")]
    [InlineData("83 79 00", "LOCAL_EXT")]
    [InlineData("83 68 01 50 00000001 789c", "only appear at top level")]
    [InlineData("83 68 01 83 61 01", "version byte 131 inside")]
    [InlineData("83 00", "unknown tag 0")]
    [InlineData("84 61 01", "version byte is 132")]
    [InlineData("", "no bytes")]
    public void Unsupported_tags_are_rejected_with_their_name(string dump, string reason)
    {
        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(WireDump.Parse(dump)));

        Assert.Contains(reason, error.Message);
    }

    internal static byte[] Compress(byte[] encoded)
    {
        using var output = new MemoryStream();
        output.Write([131, 80]);
        output.Write(BitConverter.IsLittleEndian ? BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(encoded.Length - 1)) : BitConverter.GetBytes(encoded.Length - 1));
        using (var zlib = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(encoded, 1, encoded.Length - 1);
        }

        return output.ToArray();
    }
}
