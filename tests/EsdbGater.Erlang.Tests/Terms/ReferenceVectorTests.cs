using System.Numerics;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>The byte vectors of erlang-distribution.md (sections 3.1, 4.2 and 6.3), decoded and re-encoded.</summary>
public sealed class ReferenceVectorTests
{
    private static readonly ErlPid DotnetPid = new(Erl.Atom("dotnet@vm"), 1, 0, 0x12345678);
    private static readonly ErlRef CallRef = new(Erl.Atom("dotnet@vm"), 0x12345678, [1001, 0x1234, 0x5678]);

    [Fact]
    public void Rex_request_frame_splits_into_control_and_payload_terms_that_encode_back_identically()
    {
        var frame = WireDump.Parse("""
            00 00 00 88 70
            83 68 04 61 06 58 77 09 "dotnet@vm" 00000001 00000000 12345678 77 00 77 03 "rex"
            83 68 03 77 09 "$gen_call" 68 02 58 77 09 "dotnet@vm" 00000001 00000000 12345678
               5a 0003 77 09 "dotnet@vm" 12345678 000003e9 00001234 00005678
               68 05 77 04 "call" 77 06 "erlang" 77 04 "node" 6a 77 04 "user"
            """);
        Assert.Equal(4 + 0x88, frame.Length);
        var message = frame.AsSpan(5);

        var control = TermDecoder.DecodePrefix(message, out var controlLength);
        var payload = TermDecoder.Decode(message[controlLength..]);

        var expectedControl = Erl.Tuple(6, DotnetPid, Erl.Atom(""), Erl.Atom("rex"));
        var expectedPayload = Erl.Tuple(
            Erl.Atom("$gen_call"),
            Erl.Tuple(DotnetPid, CallRef),
            Erl.Tuple(Erl.Atom("call"), Erl.Atom("erlang"), Erl.Atom("node"), ErlList.Empty, Erl.Atom("user")));
        Assert.Equal(expectedControl, control);
        Assert.Equal(expectedPayload, payload);
        Assert.Equal(message[..controlLength].ToArray(), TermEncoder.Encode(expectedControl));
        Assert.Equal(message[controlLength..].ToArray(), TermEncoder.Encode(expectedPayload));
    }

    [Fact]
    public void Rex_reply_frame_decodes_to_send_sender_and_ref_tagged_reply()
    {
        var frame = WireDump.Parse("""
            00 00 00 5e 70 83 68 03 61 16 58 77 07 "peer@vm" 00000064 00000000 6b08c712
               58 77 09 "dotnet@vm" 00000001 00000000 12345678
            83 68 02 5a 0003 77 09 "dotnet@vm" 12345678 000003e9 00001234 00005678 77 07 "peer@vm"
            """);
        Assert.Equal(4 + 0x5e, frame.Length);
        var message = frame.AsSpan(5);

        var control = TermDecoder.DecodePrefix(message, out var controlLength);
        var payload = TermDecoder.Decode(message[controlLength..]);

        var peerPid = new ErlPid(Erl.Atom("peer@vm"), 100, 0, 0x6b08c712);
        Assert.Equal(Erl.Tuple(22, peerPid, DotnetPid), control);
        Assert.Equal(Erl.Tuple(CallRef, Erl.Atom("peer@vm")), payload);
        Assert.Equal(message.ToArray(), TermEncoder.Encode(control).Concat(TermEncoder.Encode(payload)).ToArray());
    }

    [Theory]
    [InlineData("83 74 00000001 64 0004 \"node\" 64 000c \"node_a@host1\"")] // OTP <= 25, ATOM_EXT
    [InlineData("83 74 00000001 77 04 \"node\" 77 0c \"node_a@host1\"")] // OTP >= 26, SMALL_ATOM_UTF8_EXT
    public void Gossip_heartbeat_map_decodes_in_both_atom_encodings(string dump)
    {
        var term = TermDecoder.Decode(WireDump.Parse(dump));

        Assert.Equal(Erl.Map((Erl.Atom("node"), Erl.Atom("node_a@host1"))), term);
        Assert.IsType<ErlAtom>(((ErlMap)term)["node"]);
    }

    [Fact]
    public void Plaintext_heartbeat_datagram_carries_the_utf8_map_after_its_prefix()
    {
        var datagram = WireDump.Parse(
            "68 65 61 72 74 62 65 61 74 3a 3a 83 74 00 00 00 01 77 04 6e 6f 64 65 77 0c 6e 6f 64 65 5f 61 40 68 6f 73 74 31");
        var expected = Erl.Map((Erl.Atom("node"), Erl.Atom("node_a@host1")));

        Assert.Equal(expected, TermDecoder.Decode(datagram.AsSpan("heartbeat::".Length)));
        Assert.Equal(datagram[11..], TermEncoder.Encode(expected));
    }

    [Fact]
    public void Otp25_map_with_latin1_atoms_decodes()
    {
        byte[] bytes = [131, 116, 0, 0, 0, 1, 100, 0, 4, .. "node"u8, 100, 0, 3, .. "a@b"u8];

        Assert.Equal(Erl.Map((Erl.Atom("node"), Erl.Atom("a@b"))), TermDecoder.Decode(bytes));
    }

    [Theory]
    [InlineData("83 4d 00000001 03 e0")] // <<7:3>>
    public void Bit_binary_seven_in_three_bits(string dump)
    {
        var bytes = WireDump.Parse(dump);
        var term = Assert.IsType<ErlBitBinary>(TermDecoder.Decode(bytes));

        Assert.Equal(3, term.BitsInLastByte);
        Assert.Equal(3, term.BitLength);
        Assert.Equal("<<7:3>>", term.ToString());
        Assert.Equal(bytes, TermEncoder.Encode(term));
    }

    [Fact]
    public void Lists_seq_1_3_is_a_string_ext_equal_to_the_list_of_integers()
    {
        var bytes = WireDump.Parse("83 6b 0003 010203");

        Assert.Equal(Erl.List(1, 2, 3), TermDecoder.Decode(bytes));
        Assert.Equal(bytes, TermEncoder.Encode(Erl.List(1, 2, 3)));
    }

    [Fact]
    public void Otp_release_string_decodes_to_text()
    {
        var term = (ErlList)TermDecoder.Decode(WireDump.Parse("83 6b 0002 \"25\""));

        Assert.True(term.TryGetString(out var text));
        Assert.Equal("25", text);
    }

    [Theory]
    [InlineData("83 6c 00000001 77 01 \"a\" 77 01 \"b\"")]
    [InlineData("83 6c 00000001 64 0001 \"a\" 64 0001 \"b\"")]
    public void Improper_list_a_bar_b(string dump)
    {
        var term = Assert.IsType<ErlList>(TermDecoder.Decode(WireDump.Parse(dump)));

        Assert.False(term.IsProper);
        Assert.Equal(Erl.Atom("a"), Assert.Single(term.Elements));
        Assert.Equal(Erl.Atom("b"), term.Tail);
        Assert.Equal("[a|b]", term.ToString());
        Assert.Equal(WireDump.Parse("83 6c 00000001 77 01 \"a\" 77 01 \"b\""), TermEncoder.Encode(term));
    }

    [Fact]
    public void Alias_tag_is_an_improper_list_with_a_reference_tail()
    {
        var bytes = WireDump.Parse("""83 6c 00000001 77 05 "alias" 5a 0003 77 09 "dotnet@vm" 12345678 000003e9 00001234 00005678""");

        var term = Assert.IsType<ErlList>(TermDecoder.Decode(bytes));

        Assert.Equal(CallRef, term.Tail);
        Assert.Equal(bytes, TermEncoder.Encode(term));
    }

    [Fact]
    public void Tuple_of_300_integers_uses_large_tuple_ext()
    {
        var expected = new List<byte> { 131, 105, 0, 0, 0x01, 0x2c };
        for (var i = 1; i <= 300; i++)
        {
            expected.AddRange(i <= 255 ? [97, (byte)i] : [98, 0, 0, (byte)(i >> 8), (byte)i]);
        }

        var tuple = new ErlTuple([.. Enumerable.Range(1, 300).Select(i => (ErlangTerm)i)]);

        Assert.Equal(expected, TermEncoder.Encode(tuple));
        Assert.Equal(tuple, TermDecoder.Decode(expected.ToArray()));
    }

    [Theory]
    [InlineData("83 6e 05 01 00 f2 05 2a 01", "-5000000000")]
    [InlineData("83 6e 0d 00 000000000000000000000000 10", "1267650600228229401496703205376")] // 1 bsl 100
    public void Bignums_are_little_endian_magnitudes(string dump, string value)
    {
        var bytes = WireDump.Parse(dump);
        var term = Assert.IsType<ErlInteger>(TermDecoder.Decode(bytes));

        Assert.Equal(BigInteger.Parse(value), term.Value);
        Assert.Equal(bytes, TermEncoder.Encode(term));
    }

    [Theory]
    [InlineData("83 46 400921fb54442d18", 3.141592653589793)]
    [InlineData("83 46 01c2c05bca99d4ee", 3.5e-300)]
    public void New_floats_are_big_endian_doubles(string dump, double value)
    {
        var bytes = WireDump.Parse(dump);

        Assert.Equal(new ErlFloat(value), TermDecoder.Decode(bytes));
        Assert.Equal(bytes, TermEncoder.Encode(value));
    }

    [Fact]
    public void Utf8_atom_from_the_distribution()
    {
        var bytes = WireDump.Parse("83 77 09 68 c3 a9 6c 6c 6f 5f c3 bc"); // 'héllo_ü'

        Assert.Equal(ErlAtom.Of("héllo_ü"), TermDecoder.Decode(bytes));
        Assert.Equal(bytes, TermEncoder.Encode(Erl.Atom("héllo_ü")));
    }

    [Fact]
    public void Elixir_string_is_a_binary()
    {
        var bytes = WireDump.Parse("83 6d 00000006 \"elixir\"");

        Assert.Equal(Erl.Binary("elixir"), TermDecoder.Decode(bytes));
        Assert.Equal(bytes, TermEncoder.Encode("elixir"));
    }

    [Fact]
    public void Compressed_duplicate_100_zeros_inflates_to_a_string()
    {
        // term_to_binary(lists:duplicate(100, 0), [compressed]) on OTP 25.2.3.
        var bytes = WireDump.Parse("83 50 00000067 78 9c cb 66 48 61 a0 03 00 00 52 e8 00 d0");

        var term = Assert.IsType<ErlList>(TermDecoder.Decode(bytes));

        Assert.Equal(Enumerable.Repeat<ErlangTerm>(0, 100), term.Elements);
    }
}
