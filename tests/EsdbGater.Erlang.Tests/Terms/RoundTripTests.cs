using System.Buffers;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Terms;

public sealed class RoundTripTests
{
    [Fact]
    public void Thousands_of_generated_terms_survive_encode_then_decode()
    {
        var generator = new TermGenerator(seed: 20_250_601);
        for (var i = 0; i < 3_000; i++)
        {
            var term = generator.Next(maxDepth: 5);

            var bytes = TermEncoder.Encode(term);
            var decoded = TermDecoder.Decode(bytes);

            Assert.True(term.Equals(decoded), $"case {i}: {term} came back as {decoded}");
            Assert.Equal(term.GetHashCode(), decoded.GetHashCode());
            Assert.Equal(bytes.Length, TermEncoder.EncodedSize(term));
            Assert.Equal(bytes, TermEncoder.Encode(decoded));
        }
    }

    [Fact]
    public void All_encode_overloads_write_the_same_bytes()
    {
        var generator = new TermGenerator(seed: 7);
        var writer = new ArrayBufferWriter<byte>();
        var expected = new List<byte>();
        for (var i = 0; i < 200; i++)
        {
            var term = generator.Next();
            var bytes = TermEncoder.Encode(term);
            expected.AddRange(bytes);

            TermEncoder.Encode(term, writer);
            var span = new byte[bytes.Length + 3];
            var written = TermEncoder.Encode(term, span);

            Assert.Equal(bytes.Length, written);
            Assert.Equal(bytes, span[..written]);
        }

        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Decode_prefix_walks_a_sequence_of_terms()
    {
        var generator = new TermGenerator(seed: 11);
        var terms = Enumerable.Range(0, 50).Select(_ => generator.Next()).ToList();
        var stream = terms.SelectMany(TermEncoder.Encode).ToArray();

        var offset = 0;
        foreach (var term in terms)
        {
            Assert.Equal(term, TermDecoder.DecodePrefix(stream.AsSpan(offset), out var consumed));
            offset += consumed;
        }

        Assert.Equal(stream.Length, offset);
    }

    [Fact]
    public void Nesting_up_to_the_default_limit_round_trips()
    {
        ErlangTerm term = Erl.Atom("core");
        for (var i = 0; i < TermDecoderOptions.Default.MaxDepth; i++)
        {
            term = i % 3 == 0 ? Erl.Tuple(term) : i % 3 == 1 ? Erl.List(term) : Erl.Map((1, term));
        }

        var bytes = TermEncoder.Encode(term);

        Assert.Equal(term, TermDecoder.Decode(bytes));
    }
}
