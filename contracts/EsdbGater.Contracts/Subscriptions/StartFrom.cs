namespace EsdbGater.Contracts;

/// <summary>
/// Where a new subscription starts. Used only when the subscription is created: saving an
/// existing subscription again resumes from its stored checkpoint (as Commanded's
/// <c>subscribe_to</c> does with <c>start_from</c>).
/// </summary>
/// <remarks>
/// ExESDB has no global position across streams, so a position is always per stream: for a
/// single-stream subscription, one entry; for <c>$all</c> and the filtered kinds, one entry per
/// stream the client has already processed (the checkpoint it kept, or the one it read from
/// <see cref="SubscriptionsListed"/>).
/// </remarks>
/// <param name="Kind">Beginning, end or after positions.</param>
/// <param name="After">
/// For <see cref="StartFromKind.After"/>: stream id → number of the last event already processed
/// (delivery starts at the next one). Must be empty or null for the other kinds.
/// </param>
public sealed record StartFrom(StartFromKind Kind, IReadOnlyDictionary<string, long>? After = null)
{
    /// <summary>Every event of every selected stream.</summary>
    public static StartFrom Beginning { get; } = new(StartFromKind.Beginning);

    /// <summary>Only events appended after the subscription was saved.</summary>
    public static StartFrom End { get; } = new(StartFromKind.End);

    /// <summary>After the given per-stream positions (exclusive).</summary>
    public static StartFrom AfterPositions(IReadOnlyDictionary<string, long> positions) =>
        new(StartFromKind.After, positions);

    /// <summary>After one event of one stream (exclusive): for single-stream subscriptions.</summary>
    public static StartFrom AfterEvent(string streamId, long eventNumber) =>
        new(StartFromKind.After, new Dictionary<string, long> { [streamId] = eventNumber });
}
