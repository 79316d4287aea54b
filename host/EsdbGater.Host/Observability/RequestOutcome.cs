using EsdbGater.Contracts;

namespace EsdbGater.Host.Observability;

/// <summary>
/// How a gateway request ended, as the <c>esdbgater.outcome</c> attribute: <c>ok</c>; the expected
/// refusals <c>wrong_expected_version</c>, <c>snapshot_not_found</c>, <c>subscription_not_found</c>;
/// a <see cref="GatewayErrorCode"/> in snake case (<c>timeout</c>, <c>no_workers</c>, ...); or
/// <c>fault</c> when the consumer threw (a bug: the message went to the error queue).
/// </summary>
/// <param name="Name">The attribute value.</param>
/// <param name="IsError">True for gateway errors and faults (the span's status is Error); refusals are answers, not errors.</param>
internal readonly record struct RequestOutcome(string Name, bool IsError)
{
    public static readonly RequestOutcome Ok = new("ok", false);
    public static readonly RequestOutcome Fault = new("fault", true);
    private static readonly RequestOutcome Conflict = new("wrong_expected_version", false);
    private static readonly RequestOutcome NoSnapshot = new("snapshot_not_found", false);
    private static readonly RequestOutcome NoSubscription = new("subscription_not_found", false);

    /// <summary>The outcome of <paramref name="response"/>; null means the consumer threw.</summary>
    public static RequestOutcome Of(object? response) => response switch
    {
        null => Fault,
        GatewayError error => new(SnakeCaseNames<GatewayErrorCode>.Of(error.Code), true),
        WrongExpectedVersion => Conflict,
        SnapshotNotFound => NoSnapshot,
        SubscriptionNotFound => NoSubscription,
        _ => Ok,
    };
}
