namespace EsdbGater.Host.Operations;

/// <summary>
/// The time one request may still spend on nodes: each call gets its configured deadline, cut
/// short so that everything ends before the client's own timeout (the message's expiration
/// minus a margin). A request may make several calls (a read retried on another node, an append
/// read back), so the budget is shared by all of them.
/// </summary>
internal sealed class RequestBudget(TimeProvider time, DateTimeOffset? hardDeadline)
{
    /// <summary>No call gets less than this: a shorter one could not succeed anyway.</summary>
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(50);

    public static RequestBudget Unbounded(TimeProvider time) => new(time, null);

    public bool IsExhausted => hardDeadline is { } d && d - time.GetUtcNow() < Floor;

    /// <summary>The deadline of the next call; throws <see cref="RequestBudgetExhaustedException"/> when nothing is left.</summary>
    public TimeSpan NextCall(TimeSpan configured)
    {
        if (hardDeadline is not { } deadline)
        {
            return configured;
        }

        var left = deadline - time.GetUtcNow();
        if (left < Floor)
        {
            throw new RequestBudgetExhaustedException();
        }

        return left < configured ? left : configured;
    }
}
