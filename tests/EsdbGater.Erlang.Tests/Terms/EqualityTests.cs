using System.Numerics;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>Decoded terms compare with Erlang's exact equality, <c>=:=</c>.</summary>
public sealed class EqualityTests
{
    [Fact]
    public void Map_pair_order_does_not_matter()
    {
        var ab = TermDecoder.Decode(WireDump.Parse("83 74 00000002 77 01 \"a\" 61 01 77 01 \"b\" 61 02"));
        var ba = TermDecoder.Decode(WireDump.Parse("83 74 00000002 77 01 \"b\" 61 02 77 01 \"a\" 61 01"));

        Assert.Equal(ab, ba);
        Assert.Equal(ab.GetHashCode(), ba.GetHashCode());
        Assert.NotEqual(ab, TermDecoder.Decode(WireDump.Parse("83 74 00000002 77 01 \"a\" 61 02 77 01 \"b\" 61 01")));
    }

    [Fact]
    public void Large_maps_compare_by_content_too()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => ((ErlangTerm)i, (ErlangTerm)$"v{i}")).ToArray();
        var forward = Erl.Map(pairs);
        var backward = Erl.Map([.. pairs.Reverse()]);

        Assert.Equal(forward, TermDecoder.Decode(TermEncoder.Encode(backward)));
        Assert.Equal(forward.GetHashCode(), backward.GetHashCode());
        Assert.Equal("v39", Assert.IsType<ErlBinary>(backward[39]).TryGetUtf8(out var text) ? text : null);
    }

    [Fact]
    public void String_ext_and_list_ext_of_the_same_integers_are_equal()
    {
        var asString = TermDecoder.Decode(WireDump.Parse("83 6b 0003 010203"));
        var asList = TermDecoder.Decode(WireDump.Parse("83 6c 00000003 61 01 61 02 61 03 6a"));

        Assert.Equal(asString, asList);
        Assert.Equal(asString.GetHashCode(), asList.GetHashCode());
    }

    [Fact]
    public void Integer_and_float_of_the_same_value_differ()
    {
        Assert.NotEqual<ErlangTerm>(ErlInteger.Of(1), new ErlFloat(1.0));
        Assert.NotEqual(TermDecoder.Decode(WireDump.Parse("83 61 01")), TermDecoder.Decode(WireDump.Parse("83 46 3ff0000000000000")));
    }

    [Fact]
    public void An_integer_is_equal_whatever_form_carried_it()
    {
        var small = TermDecoder.Decode(WireDump.Parse("83 61 05"));
        var big = TermDecoder.Decode(WireDump.Parse("83 6e 01 00 05"));
        var integer = TermDecoder.Decode(WireDump.Parse("83 62 00000005"));

        Assert.Equal(small, big);
        Assert.Equal(small, integer);
        Assert.Equal(ErlInteger.Of(new BigInteger(5)), small);
    }

    [Fact]
    public void A_list_tail_that_is_a_list_is_spliced_in()
    {
        var spliced = new ErlList([1], Erl.List(2, 3));

        Assert.Equal(Erl.List(1, 2, 3), spliced);
        Assert.True(spliced.IsProper);
        Assert.Equal(new ErlList([1, 2], 3), new ErlList([1], new ErlList([2], 3)));
    }

    [Fact]
    public void Bit_binaries_ignore_unused_bits_and_equal_binaries_when_whole()
    {
        Assert.Equal(new ErlBitBinary(new byte[] { 0xe0 }, 3), new ErlBitBinary(new byte[] { 0xff }, 3));
        Assert.Equal(new ErlBitBinary(new byte[] { 0xe0 }, 3).GetHashCode(), new ErlBitBinary(new byte[] { 0xff }, 3).GetHashCode());
        Assert.NotEqual(new ErlBitBinary(new byte[] { 0xe0 }, 3), new ErlBitBinary(new byte[] { 0xe0 }, 4));

        var whole = new ErlBitBinary(new byte[] { 1, 2 }, 8);
        Assert.Equal<ErlangTerm>(Erl.Binary([1, 2]), whole);
        Assert.Equal<ErlangTerm>(whole, Erl.Binary([1, 2]));
        Assert.Equal(Erl.Binary([1, 2]).GetHashCode(), whole.GetHashCode());
    }

    [Fact]
    public void Maps_cannot_be_built_with_a_repeated_key()
    {
        var error = Assert.Throws<ArgumentException>(() => Erl.Map((Erl.Atom("k"), 1), (Erl.Atom("k"), 2)));

        Assert.Contains("appears twice", error.Message);
        Assert.Throws<ArgumentException>(() => Erl.Map([.. Enumerable.Range(0, 30).Select(i => ((ErlangTerm)(i % 29), (ErlangTerm)i))]));
    }

    [Fact]
    public void Atoms_are_limited_to_255_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 255));

        Assert.Equal(emoji, ErlAtom.Of(emoji).Name);
        Assert.Throws<ArgumentException>(() => ErlAtom.Of(emoji + "😀"));
        Assert.Throws<ArgumentException>(() => ErlAtom.Of(new string('a', 256)));
    }
}
