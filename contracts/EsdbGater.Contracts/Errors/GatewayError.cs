namespace EsdbGater.Contracts;

/// <summary>
/// Response to any request that the gateway could not serve. Expected outcomes of an operation
/// (<see cref="WrongExpectedVersion"/>, <see cref="SnapshotNotFound"/>) have their own types.
/// </summary>
/// <param name="Code">What went wrong, as a stable code to branch on.</param>
/// <param name="Message">Human-readable detail for logs; never parse it.</param>
/// <param name="Field">For <see cref="GatewayErrorCode.InvalidRequest"/>: the offending field, e.g. <c>Events[2].EventType</c>.</param>
public sealed record GatewayError(GatewayErrorCode Code, string Message, string? Field = null);
