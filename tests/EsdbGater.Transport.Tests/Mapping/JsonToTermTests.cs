using System.Numerics;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Mapping;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Mapping;

public sealed class JsonToTermTests
{
    [Fact]
    public void Object_becomes_a_map_with_binary_keys_never_atoms()
    {
        var term = JsonToTerm.FromPayload(Json.Parse("""{"temperature":21,"unit":"C","nested":{"ok":true}}"""), "data");

        var expected = ErlMap.Of(
            ("temperature", 21),
            ("unit", "C"),
            ("nested", ErlMap.Of(("ok", ErlAtom.True))));
        Assert.Equal(expected, term);
        Assert.All(((ErlMap)term).Pairs, p => Assert.IsType<ErlBinary>(p.Key));
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"plain text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public void Payload_that_is_not_an_object_is_stored_as_its_json_text(string json)
    {
        var term = JsonToTerm.FromPayload(Json.Parse(json), "data");

        Assert.Equal(ErlBinary.FromUtf8(json), term);
    }

    [Fact]
    public void Values_map_to_their_erlang_counterparts()
    {
        var term = JsonToTerm.Convert(Json.Parse("""[1, -7, 1.5, 1.0, 2e3, "s", true, false, null, [], {}]"""), "value");

        Assert.Equal(
            ErlList.Of(1, -7, 1.5, 1.0, 2000.0, "s", ErlAtom.True, ErlAtom.False, ErlAtom.Nil, ErlList.Empty, ErlMap.Empty),
            term);
    }

    [Fact]
    public void Integers_written_without_fraction_keep_their_exact_value_whatever_their_size()
    {
        var big = BigInteger.Parse("123456789012345678901234567890");

        var term = JsonToTerm.Convert(Json.Parse("[9223372036854775807, -9223372036854775808, 123456789012345678901234567890, -123456789012345678901234567890]"), "value");

        Assert.Equal(ErlList.Of(long.MaxValue, long.MinValue, ErlInteger.Of(big), ErlInteger.Of(-big)), term);
    }

    [Fact]
    public void A_float_beyond_the_double_range_is_refused()
    {
        var e = Assert.Throws<ExesdbCallException>(() => JsonToTerm.Convert(Json.Parse("[1.5e400]"), "Event 0 data"));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
        Assert.Contains("Event 0 data", e.Message);
    }

    [Fact]
    public void Unicode_text_is_utf8()
    {
        var term = JsonToTerm.Convert(Json.Parse("\"h\u00e9llo \ud83d\ude00\""), "value");

        Assert.Equal(new ErlBinary("héllo 😀"u8.ToArray()), term);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_instead_of_silently_replaced()
    {
        var e = Assert.Throws<ExesdbCallException>(() => JsonToTerm.Convert(Json.Parse("\"bad \\ud800 text\""), "value"));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Fact]
    public void A_repeated_property_is_refused_because_a_beam_map_cannot_hold_it()
    {
        var e = Assert.Throws<ExesdbCallException>(() => JsonToTerm.FromPayload(Json.Parse("""{"a":1,"a":2}"""), "data"));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
        Assert.Contains("\"a\" twice", e.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var depth = JsonToTerm.MaxDepth + 2;
        var json = new string('[', depth) + new string(']', depth);
        using var document = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { MaxDepth = depth + 1 });

        var e = Assert.Throws<ExesdbCallException>(() => JsonToTerm.Convert(document.RootElement, "data"));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Fact]
    public void An_undefined_element_is_refused()
    {
        var e = Assert.Throws<ExesdbCallException>(() => JsonToTerm.FromPayload(default, "Event 3 data"));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
        Assert.Contains("Event 3 data", e.Message);
    }
}
