using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>Input crafted to crash, exhaust memory or confuse the decoder: every case is a typed error.</summary>
public sealed class HostileInputTests
{
    /// <summary>An exception with its stack trace and message costs a few KB; nothing else may be allocated.</summary>
    private const long ErrorAllocationBudget = 16 * 1024;

    [Theory]
    [InlineData("83 6c ffffffff 61 01", 2)] // list of 2^32-1 elements, 3 bytes left
    [InlineData("83 69 ffffffff 6a", 2)] // tuple
    [InlineData("83 74 7fffffff 6a 6a", 2)] // map
    [InlineData("83 6d ffffffff 00", 2)] // binary
    [InlineData("83 4d 7fffffff 03 00", 2)] // bit binary
    [InlineData("83 6b ffff 01", 4)] // string: the 65535 bytes would start at 4
    [InlineData("83 6f ffffffff 00 01", 2)] // large big
    [InlineData("83 6e ff 00 01", 4)] // small big
    [InlineData("83 76 ffff 61", 4)] // atom
    [InlineData("83 5a ffff 77 01 61", 1)] // reference word count
    [InlineData("83 70 ffffffff 01", 1)] // fun size
    public void Declared_lengths_beyond_the_input_fail_before_anything_is_allocated(string dump, int offset)
    {
        var bytes = WireDump.Parse(dump);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < ErrorAllocationBudget, $"{allocated} bytes allocated");
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void A_list_chain_declared_cell_by_cell_grows_linearly()
    {
        // [0|[1|[2|...]]] as 20,000 LIST_EXT cells of one element each: legal, flat in the end.
        var bytes = new List<byte> { 131 };
        for (var i = 0; i < 20_000; i++)
        {
            bytes.AddRange([108, 0, 0, 0, 1, 97, (byte)i]);
        }

        bytes.Add(106);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var list = Assert.IsType<ErlList>(TermDecoder.Decode(bytes.ToArray()));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20_000, list.Count);
        Assert.True(list.IsProper);
        Assert.True(allocated < 8 * bytes.Count, $"{allocated} bytes allocated for {bytes.Count} bytes of input");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected()
    {
        var atLimit = NestedTuples(TermDecoderOptions.Default.MaxDepth);
        var beyond = NestedTuples(TermDecoderOptions.Default.MaxDepth + 1);

        TermDecoder.Decode(atLimit);
        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(beyond));
        Assert.Contains("nested deeper than", error.Message);
        Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(NestedTuples(10), new TermDecoderOptions { MaxDepth = 9 }));
    }

    [Fact]
    public void Nesting_deeper_than_the_stack_allows_is_a_decode_error_not_a_crash()
    {
        var deep = NestedTuples(500_000);
        var unlimited = new TermDecoderOptions { MaxDepth = int.MaxValue };

        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(() => TermDecoder.Decode(deep, unlimited)), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        var decodeError = Assert.IsType<TermDecodeException>(error);
        Assert.Contains("thread's stack", decodeError.Message);
    }

    [Fact]
    public void Deep_identical_map_keys_are_compared_without_overflowing_the_stack()
    {
        // Two equal keys nested 20,000 deep: the duplicate check recurses through both.
        var key = NestedTuples(20_000)[1..];
        byte[] bytes = [131, 116, 0, 0, 0, 2, .. key, 97, 1, .. key, 97, 2];
        var unlimited = new TermDecoderOptions { MaxDepth = int.MaxValue };

        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(() => TermDecoder.Decode(bytes, unlimited)), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.IsType<TermDecodeException>(error);
    }

    [Theory]
    [InlineData("83 61 01 00", 3, "1 bytes follow")]
    [InlineData("83 74 00000002 61 01 61 01 61 01 61 02", 1, "key 1 twice")]
    [InlineData("83 77 02 c328", 3, "not valid UTF-8")]
    [InlineData("83 46 7ff8000000000000", 2, "NaN or infinite")]
    [InlineData("83 46 fff0000000000000", 2, "NaN or infinite")]
    [InlineData("83 63 \"not a number at all, really....\"", 2, "not a number")]
    [InlineData("83 4d 00000001 00 ff", 1, "0 bits")]
    [InlineData("83 4d 00000001 09 ff", 1, "9 bits")]
    [InlineData("83 4d 00000000 03", 1, "3 bits")]
    [InlineData("83 58 61 01 00000001 00000000 00000000", 2, "expected an atom")]
    [InlineData("83 71 77 01 \"m\" 77 01 \"f\" 6a", 8, "arity must be an integer")]
    [InlineData("83 71 77 01 \"m\" 77 01 \"f\" 62 00000100", 8, "outside 0..255")]
    [InlineData("83 5a 0000 77 01 \"n\" 00000000", 1, "0 id words")]
    [InlineData("83 5a 0006 77 01 \"n\" 00000000", 1, "6 id words")]
    [InlineData("83 68 02 61 01", 5, "input ends early")]
    public void Malformed_terms_are_rejected_with_offset_and_reason(string dump, int offset, string reason)
    {
        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(WireDump.Parse(dump)));

        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Reason);
        Assert.EndsWith($"(at byte {offset})", error.Message);
    }

    [Fact]
    public void Atoms_longer_than_255_characters_are_rejected()
    {
        byte[] latin1 = [131, 100, 1, 0, .. Enumerable.Repeat((byte)'a', 256)];
        byte[] utf8 = [131, 118, 2, 0, .. System.Text.Encoding.UTF8.GetBytes(new string('é', 256))];

        Assert.Contains("longer than 255", Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(latin1)).Message);
        Assert.Contains("longer than 255", Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(utf8)).Message);
    }

    [Fact]
    public void Compressed_size_above_the_limit_is_refused_before_inflating()
    {
        var bomb = TagDecodingTests.Compress(TermEncoder.Encode(Erl.Binary(new byte[2 * 1024 * 1024])));
        var options = new TermDecoderOptions { MaxDecompressedSize = 1024 * 1024 };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(bomb, options));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("declares 2097157 inflated bytes", error.Message);
        Assert.True(allocated < ErrorAllocationBudget, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Compressed_data_that_inflates_past_its_declared_size_stops_there()
    {
        // 16 MiB of zeros that claim to be 1 KiB: inflation stops after the declared kilobyte.
        var bomb = TagDecodingTests.Compress(TermEncoder.Encode(Erl.Binary(new byte[16 * 1024 * 1024])));
        bomb[2] = 0;
        bomb[3] = 0;
        bomb[4] = 4;
        bomb[5] = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(bomb));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("more than the 1024 bytes it declares", error.Message);
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Compressed_data_that_inflates_short_of_its_declared_size_is_rejected()
    {
        var compressed = TagDecodingTests.Compress(TermEncoder.Encode(Erl.Binary(new byte[100])));
        compressed[5] += 10;

        Assert.Contains("inflates to 105 bytes, but declares 115", Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(compressed)).Message);
    }

    [Fact]
    public void Compressed_envelopes_that_are_not_zlib_or_have_bytes_after_the_stream_are_rejected()
    {
        var compressed = TagDecodingTests.Compress(TermEncoder.Encode(Erl.Binary(new byte[100])));
        byte[] trailing = [.. compressed, 0, 0, 0, 0];
        var garbage = (byte[])compressed.Clone();
        garbage[6] ^= 0xff;
        var corrupt = (byte[])compressed.Clone();
        corrupt[^1] ^= 0x01; // Adler-32 checksum

        Assert.Contains("bytes follow the end", Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(trailing)).Message);
        Assert.Contains("not a valid zlib stream", Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(garbage)).Message);
        Assert.IsType<TermDecodeException>(Record.Exception(() => TermDecoder.Decode(corrupt)));
        Assert.Contains("declares 0", Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(WireDump.Parse("83 50 00000000 789c"))).Message);
        Assert.Contains("cut short", Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(WireDump.Parse("83 50 0000"))).Message);
    }

    [Fact]
    public void Errors_inside_compressed_data_name_the_inflated_offset()
    {
        var compressed = TagDecodingTests.Compress(WireDump.Parse("83 68 02 61 01 75"));

        var error = Assert.Throws<TermDecodeException>(() => TermDecoder.Decode(compressed));

        Assert.Contains("FUN_EXT", error.Message);
        Assert.Contains("inflated byte 4", error.Message);
    }

    [Fact]
    public void Decoded_binaries_do_not_alias_the_input_buffer()
    {
        var bytes = WireDump.Parse("83 6d 00000003 010203");
        var binary = (ErlBinary)TermDecoder.Decode(bytes);

        bytes.AsSpan().Clear();

        Assert.Equal(new byte[] { 1, 2, 3 }, binary.Bytes.ToArray());
    }

    private static byte[] NestedTuples(int depth)
    {
        var bytes = new byte[1 + 2 * depth + 1];
        bytes[0] = 131;
        for (var i = 0; i < depth; i++)
        {
            bytes[1 + 2 * i] = 104;
            bytes[2 + 2 * i] = 1;
        }

        bytes[^1] = 106;
        return bytes;
    }
}
