namespace EsdbGater.Contracts;

/// <summary>
/// Response to <see cref="AppendEvents"/>: the expected version did not hold and nothing was
/// written. Read the stream, decide again, and append with the new version.
/// </summary>
/// <param name="Store">The store.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="ExpectedVersion">What the request expected.</param>
/// <param name="CurrentVersion">
/// The stream's version when the append was refused (-1: no events). <c>null</c> only when ExESDB
/// reported a lost race without a version and the gateway could not read it afterwards.
/// </param>
public sealed record WrongExpectedVersion(
    string Store,
    string StreamId,
    ExpectedVersion ExpectedVersion,
    long? CurrentVersion);
