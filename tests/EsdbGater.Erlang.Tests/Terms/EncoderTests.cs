using System.Buffers;
using System.Numerics;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>The encoder's choices: the ones OTP makes, so that our bytes match term_to_binary's.</summary>
public sealed class EncoderTests
{
    [Theory]
    [InlineData(0, "83 61 00")]
    [InlineData(255, "83 61 ff")]
    [InlineData(256, "83 62 00000100")]
    [InlineData(-1, "83 62 ffffffff")]
    [InlineData(int.MaxValue, "83 62 7fffffff")]
    [InlineData(int.MinValue, "83 62 80000000")]
    [InlineData(2147483648L, "83 6e 04 00 00000080")]
    [InlineData(-2147483649L, "83 6e 04 01 01000080")]
    [InlineData(long.MaxValue, "83 6e 08 00 ffffffffffffff7f")]
    [InlineData(long.MinValue, "83 6e 08 01 0000000000000080")]
    public void Integers_take_the_smallest_form(long value, string dump)
    {
        Assert.Equal(WireDump.Parse(dump), TermEncoder.Encode(value));
    }

    [Fact]
    public void Integers_beyond_255_magnitude_bytes_use_large_big_ext()
    {
        var value = BigInteger.Pow(2, 8 * 255) - 1; // 255 bytes of 0xff: still SMALL_BIG
        Assert.Equal(WireDump.Parse("83 6e ff 00") , TermEncoder.Encode(ErlInteger.Of(value))[..4]);

        var bytes = TermEncoder.Encode(ErlInteger.Of(-(value + 1))); // 256 bytes
        Assert.Equal(WireDump.Parse("83 6f 00000100 01"), bytes[..7]);
        Assert.Equal(7 + 256, bytes.Length);
    }

    [Fact]
    public void Atoms_are_small_utf8_unless_longer_than_255_bytes()
    {
        Assert.Equal(WireDump.Parse("83 77 02 \"ok\""), TermEncoder.Encode(ErlAtom.Ok));
        Assert.Equal(WireDump.Parse("83 77 00"), TermEncoder.Encode(ErlAtom.Empty));
        Assert.Equal(WireDump.Parse("83 76 0100"), TermEncoder.Encode(Erl.Atom(new string('ü', 128)))[..4]);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_floats_are_refused_with_a_clear_error(double value)
    {
        var error = Assert.Throws<ArgumentException>(() => TermEncoder.Encode(Erl.Tuple(Erl.Atom("x"), value)));

        Assert.Contains("cannot be NaN or infinite", error.Message);
    }

    [Fact]
    public void Dotnet_strings_and_bools_use_the_implicit_conversions()
    {
        Assert.Equal(WireDump.Parse("83 6d 00000002 \"hi\""), TermEncoder.Encode("hi"));
        Assert.Equal(WireDump.Parse("83 77 04 \"true\""), TermEncoder.Encode(true));
        Assert.Equal(WireDump.Parse("83 46 3ff0000000000000"), TermEncoder.Encode(1.0));
    }

    [Fact]
    public void Byte_lists_up_to_65535_elements_are_string_ext_and_others_list_ext()
    {
        Assert.Equal(WireDump.Parse("83 6b 0002 00ff"), TermEncoder.Encode(Erl.List(0, 255)));
        Assert.Equal(WireDump.Parse("83 6c 00000002 61 00 62 00000100 6a"), TermEncoder.Encode(Erl.List(0, 256)));
        Assert.Equal(WireDump.Parse("83 6c 00000001 61 01 61 02"), TermEncoder.Encode(new ErlList([1], 2)));
        Assert.Equal(WireDump.Parse("83 6a"), TermEncoder.Encode(ErlList.Empty));
        Assert.Equal(WireDump.Parse("83 6b 0005 \"hello\""), TermEncoder.Encode(ErlList.FromString("hello")));

        var longest = new ErlList([.. Enumerable.Repeat<ErlangTerm>(1, ushort.MaxValue)]);
        var tooLong = new ErlList([.. Enumerable.Repeat<ErlangTerm>(1, ushort.MaxValue + 1)]);
        Assert.Equal(WireDump.Parse("83 6b ffff"), TermEncoder.Encode(longest)[..4]);
        Assert.Equal(WireDump.Parse("83 6c 00010000 61 01"), TermEncoder.Encode(tooLong)[..8]);
        Assert.Equal(tooLong, TermDecoder.Decode(TermEncoder.Encode(tooLong)));
    }

    [Fact]
    public void Pids_refs_and_ports_use_the_modern_forms()
    {
        var node = Erl.Atom("n");
        Assert.Equal(WireDump.Parse("83 58 77 01 \"n\" 00000001 00000002 00000003"), TermEncoder.Encode(new ErlPid(node, 1, 2, 3)));
        Assert.Equal(WireDump.Parse("83 5a 0003 77 01 \"n\" 00000004 00000001 00000002 00000003"), TermEncoder.Encode(new ErlRef(node, 4, [1, 2, 3])));

        // A port that arrived as PORT_EXT or NEW_PORT_EXT is echoed as V4_PORT_EXT.
        var legacyPort = TermDecoder.Decode(WireDump.Parse("83 66 77 01 \"n\" 00000004 05"));
        Assert.Equal(WireDump.Parse("83 78 77 01 \"n\" 0000000000000004 00000005"), TermEncoder.Encode(legacyPort));
    }

    [Fact]
    public void Legacy_forms_decode_and_re_encode_in_their_modern_form()
    {
        Assert.Equal(WireDump.Parse("83 46 3ff8000000000000"), Reencode("83 63 \"1.50000000000000000000e+00\" 0000000000"));
        Assert.Equal(WireDump.Parse("83 77 02 c3a9"), Reencode("83 64 0001 e9"));
        Assert.Equal(WireDump.Parse("83 58 77 01 \"n\" 00000005 00000000 00000002"), Reencode("83 67 64 0001 \"n\" 00000005 00000000 02"));
        Assert.Equal(WireDump.Parse("83 5a 0001 77 01 \"n\" 00000001 00000007"), Reencode("83 65 64 0001 \"n\" 00000007 01"));
        Assert.Equal(WireDump.Parse("83 61 05"), Reencode("83 6e 01 00 05"));
        Assert.Equal(WireDump.Parse("83 6b 0002 0102"), Reencode("83 6c 00000001 61 01 6c 00000001 61 02 6a"));
    }

    [Fact]
    public void Bit_binaries_clear_unused_bits_and_whole_bytes_become_binaries()
    {
        Assert.Equal(WireDump.Parse("83 4d 00000001 03 e0"), TermEncoder.Encode(new ErlBitBinary(new byte[] { 0xff }, 3)));
        Assert.Equal(WireDump.Parse("83 6d 00000001 ff"), TermEncoder.Encode(new ErlBitBinary(new byte[] { 0xff }, 8)));
    }

    [Fact]
    public void Exports_write_their_arity_as_a_small_integer()
    {
        Assert.Equal(
            WireDump.Parse("83 71 77 05 \"lists\" 77 03 \"seq\" 61 02"),
            TermEncoder.Encode(new ErlExport(Erl.Atom("lists"), Erl.Atom("seq"), 2)));
    }

    [Fact]
    public void Terms_erlang_cannot_hold_are_refused()
    {
        var node = Erl.Atom("n");
        Assert.Throws<ArgumentException>(() => TermEncoder.Encode(new ErlRef(node, 1, [])));
        Assert.Throws<ArgumentException>(() => TermEncoder.Encode(new ErlRef(node, 1, [1, 2, 3, 4, 5, 6])));
        Assert.Throws<ArgumentException>(() => TermEncoder.Encode(new ErlExport(node, node, 256)));
        Assert.Throws<ArgumentException>(() => TermEncoder.Encode(new ErlFun(node, 0, new byte[] { 1, 2, 3, 4, 5 })));
        Assert.Throws<ArgumentException>(() => TermEncoder.Encode(new ErlTuple([Erl.Atom("a"), null!])));
        Assert.Throws<ArgumentNullException>(() => TermEncoder.Encode(null!));
    }

    [Fact]
    public void A_destination_that_is_too_small_gets_nothing()
    {
        var term = Erl.Tuple(Erl.Atom("ok"), "payload");
        var size = TermEncoder.EncodedSize(term);
        var buffer = new byte[size - 1];

        Assert.False(TermEncoder.TryEncode(term, buffer, out var written));
        Assert.Equal(0, written);
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Throws<ArgumentException>(() => TermEncoder.Encode(term, buffer));
    }

    [Fact]
    public void Buffer_writer_output_is_appended_after_what_it_holds()
    {
        var writer = new ArrayBufferWriter<byte>();
        writer.Write<byte>([1, 2]);

        TermEncoder.Encode(ErlAtom.Ok, writer);

        Assert.Equal(WireDump.Parse("01 02 83 77 02 \"ok\""), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Terms_nested_beyond_the_stack_fail_with_an_exception_instead_of_crashing()
    {
        ErlangTerm term = ErlList.Empty;
        for (var i = 0; i < 200_000; i++)
        {
            term = Erl.Tuple(term);
        }

        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(() => TermEncoder.Encode(term)), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.IsType<InsufficientExecutionStackException>(error);
    }

    private static byte[] Reencode(string dump) => TermEncoder.Encode(TermDecoder.Decode(WireDump.Parse(dump)));
}
