namespace EsdbGater.Host.Api.Validation;

/// <summary>
/// Stream ids: non-empty, printable, not starting with <c>$</c> (ExESDB reads <c>$stream</c> as a
/// subscription selector) and short enough that ExESDB's writer atom
/// <c>streams_writer_worker_&lt;store&gt;_&lt;stream&gt;</c> stays within Erlang's 255-character
/// atom limit (longer ids make every append to the stream fail with <c>system_limit</c>).
/// </summary>
internal static class StreamIdRule
{
    /// <summary>Characters of the writer atom that are not the stream id, besides the store name.</summary>
    private const int WriterAtomOverhead = 255 - 22 - 1; // "streams_writer_worker_" and "_"

    /// <summary>The longest stream id allowed for <paramref name="store"/> under <paramref name="configuredMax"/>.</summary>
    public static int MaxLength(string store, int configuredMax) =>
        Math.Min(configuredMax, WriterAtomOverhead - store.Length);

    public static string? Check(string? streamId, string store, int configuredMax)
    {
        if (string.IsNullOrEmpty(streamId))
        {
            return "a stream id is required.";
        }

        if (streamId[0] == '$')
        {
            return "a stream id must not start with '$' (ExESDB reserves it for subscription selectors).";
        }

        var max = MaxLength(store, configuredMax);
        var length = PrintableTextRule.CodePointLength(streamId);
        if (length > max)
        {
            return $"the stream id has {length} characters; at most {max} are allowed for store '{store}'.";
        }

        return PrintableTextRule.Check(streamId) is { } problem ? "the stream id is not printable: " + problem : null;
    }
}
