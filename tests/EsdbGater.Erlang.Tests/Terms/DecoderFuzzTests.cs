using System.Buffers.Binary;
using EsdbGater.Erlang.Terms;
using Xunit.Abstractions;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>
/// Random and mutated packets through the decoder: the only outcomes allowed are a term or a
/// <see cref="TermDecodeException"/>, and memory stays proportional to the packet.
/// </summary>
public sealed class DecoderFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 20_000;

    // Small containers expand the most: a 3-byte tuple of one NIL becomes a tuple object and an
    // array (~56 bytes), and a new atom a string, an atom and an intern-table node. A thrown
    // exception with its stack trace costs a few KB more.
    private const int AllocationPerInputByte = 64;
    private const int AllocationConstant = 64 * 1024;

    private static readonly TermDecoderOptions Options = new() { MaxDecompressedSize = 256 * 1024 };

    [Fact]
    public void Random_and_mutated_packets_yield_terms_or_decode_errors_with_bounded_allocation()
    {
        var random = new Random(1_234_567);
        var seeds = Seeds();
        int decoded = 0, rejected = 0;
        long worstRatio = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var packet = i % 10 == 0 ? RandomPacket(random) : Mutate(seeds[random.Next(seeds.Count)], random);
            var budget = AllocationPerInputByte * (packet.Length + InflatedBudget(packet)) + AllocationConstant;

            try
            {
                TermDecoder.Decode(packet, Options);
                decoded++;
            }
            catch (TermDecodeException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"packet {i} ({WireDump.ToHex(packet)}) threw {e}");
            }

            // Measured on a second decode of the same packet: one-off costs shared with the rest
            // of the process (the atom intern table growing, tiered JIT, first-exception resource
            // loads) would otherwise make the bound depend on what other tests ran before.
            var allocated = AllocatedByDecoding(packet);
            worstRatio = Math.Max(worstRatio, allocated / packet.Length);
            Assert.True(allocated <= budget, $"packet {i} ({packet.Length} bytes) allocated {allocated} bytes: {WireDump.ToHex(packet)}");
        }

        output.WriteLine($"{decoded} decoded, {rejected} rejected, worst allocation {worstRatio} bytes per input byte");
        Assert.True(decoded > Iterations / 20, "mutations should leave some packets valid");
        Assert.True(rejected > Iterations / 2, "mutations should break most packets");
    }

    private static long AllocatedByDecoding(byte[] packet)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            TermDecoder.Decode(packet, Options);
        }
        catch (TermDecodeException)
        {
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Truncations_of_every_seed_are_rejected()
    {
        var random = new Random(5);
        foreach (var seed in Seeds())
        {
            // Every cut of the small seeds; a sample of cuts of the large ones keeps the test fast.
            var cuts = seed.Length <= 256 ? Enumerable.Range(0, seed.Length) : Enumerable.Range(0, 64).Select(_ => random.Next(seed.Length));
            foreach (var length in cuts)
            {
                var prefix = seed[..length];
                var error = Record.Exception(() => TermDecoder.Decode(prefix, Options));
                Assert.True(error is TermDecodeException, $"{WireDump.ToHex(prefix)} gave {error?.GetType().Name ?? "a term"}");
            }
        }
    }

    /// <summary>Valid packets of every kind: generated terms, the reference vectors, funs and compressed terms.</summary>
    private static List<byte[]> Seeds()
    {
        var generator = new TermGenerator(seed: 99);
        var seeds = Enumerable.Range(0, 300).Select(_ => TermEncoder.Encode(generator.Next(maxDepth: 3))).ToList();
        seeds.AddRange(
        [
            WireDump.Parse("83 68 04 61 06 58 77 09 \"dotnet@vm\" 00000001 00000000 12345678 77 00 77 03 \"rex\""),
            WireDump.Parse("83 74 00000001 64 0004 \"node\" 64 000c \"node_a@host1\""),
            WireDump.Parse("83 63 \"1.50000000000000000000e+00\" 0000000000"),
            WireDump.Parse("83 67 64 0001 \"n\" 00000005 00000000 02"),
            WireDump.Parse("83 72 0002 64 0001 \"n\" 03 00000001 00000002"),
            WireDump.Parse("83 65 64 0001 \"n\" 00000007 01"),
            WireDump.Parse("83 59 77 01 \"n\" 00000004 00000005"),
            WireDump.Parse("83 66 77 01 \"n\" 00000004 05"),
            WireDump.Parse("83 6c 00000001 61 01 6c 00000001 61 02 6b 0002 0304"),
            WireDump.Parse("83 6f 00000009 00 010203040506070809"),
            Convert.FromHexString(TagDecodingTests.ErlEvalClosure),
            TagDecodingTests.Compress(TermEncoder.Encode(Erl.Tuple(Erl.Binary(new byte[300]), Erl.List(1, 2, 3), Erl.Atom("zip")))),
            TagDecodingTests.Compress(TermEncoder.Encode(generator.Next(maxDepth: 3))),
        ]);
        return seeds;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        switch (random.Next(7))
        {
            case 0: // bit flips
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(1, bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // truncation
                return bytes[..random.Next(1, bytes.Length)];
            case 2: // a length field inflated: four bytes somewhere become huge
                var at = random.Next(1, Math.Max(2, bytes.Length - 3));
                uint[] huge = [0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x0000FFFF, (uint)random.Next()];
                if (at + 4 <= bytes.Length)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), huge[random.Next(huge.Length)]);
                }

                return bytes;
            case 3: // one byte set to a boundary value
                bytes[random.Next(1, bytes.Length)] = (byte)(random.Next(2) == 0 ? 0xFF : random.Next(256));
                return bytes;
            case 4: // insertion
                var insertAt = random.Next(1, bytes.Length + 1);
                var inserted = new byte[random.Next(1, 8)];
                random.NextBytes(inserted);
                return [.. bytes[..insertAt], .. inserted, .. bytes[insertAt..]];
            case 5: // deletion
                var from = random.Next(1, bytes.Length);
                var to = Math.Min(bytes.Length, from + random.Next(1, 8));
                return [.. bytes[..from], .. bytes[to..]];
            default: // a slice of the packet repeated
                var start = random.Next(1, bytes.Length);
                var slice = bytes[start..Math.Min(bytes.Length, start + random.Next(1, 16))];
                return [.. bytes, .. slice];
        }
    }

    private static byte[] RandomPacket(Random random)
    {
        var bytes = new byte[random.Next(1, 64)];
        random.NextBytes(bytes);
        bytes[0] = 131;
        return bytes;
    }

    /// <summary>A compressed packet may legitimately allocate what it declares, up to the limit.</summary>
    private static int InflatedBudget(byte[] packet) =>
        packet.Length >= 6 && packet[1] == 80
            ? (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(2)), (uint)Options.MaxDecompressedSize)
            : 0;
}
