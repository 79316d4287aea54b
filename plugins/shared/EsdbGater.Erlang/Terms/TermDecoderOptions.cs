namespace EsdbGater.Erlang.Terms;

/// <summary>Limits the decoder enforces on input it does not trust.</summary>
public sealed record TermDecoderOptions
{
    /// <summary>The limits used when none are given: 1,000 levels, 64 MiB inflated.</summary>
    public static TermDecoderOptions Default { get; } = new();

    /// <summary>
    /// How deeply tuples, lists, maps and fun environments may nest. Deeper input is rejected.
    /// </summary>
    /// <remarks>
    /// Decoding, encoding, comparing, hashing and formatting all recurse, at roughly 150–600 bytes
    /// of stack per level (measured, Release and Debug). The default keeps a decoded term usable
    /// on any thread-pool thread (1.5 MiB stacks on Linux, 1 MiB elsewhere) with room to spare;
    /// real ExESDB terms nest a dozen levels. A larger limit is safe but can make these operations
    /// fail with a typed error on small stacks: past the limit of the stack they throw
    /// <see cref="TermDecodeException"/> (decoding) or <see cref="InsufficientExecutionStackException"/>, never overflow.
    /// </remarks>
    public int MaxDepth { get; init; } = 1_000;

    /// <summary>
    /// The largest inflated size a compressed term (tag 80) may declare; the declared size is also
    /// checked against what the data really inflates to, so a zip bomb is stopped at this many bytes.
    /// </summary>
    public int MaxDecompressedSize { get; init; } = 64 * 1024 * 1024;
}
