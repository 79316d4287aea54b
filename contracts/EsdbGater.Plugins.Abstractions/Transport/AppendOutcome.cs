namespace EsdbGater.Plugins.Transport;

/// <summary>ExESDB's answer to an append.</summary>
public abstract record AppendOutcome;

/// <summary>Written; <paramref name="LastEventNumber"/> is the number of the last event (the current one for an empty batch).</summary>
public sealed record AppendSucceeded(long LastEventNumber) : AppendOutcome;

/// <summary>
/// The expected version did not hold. <paramref name="CurrentVersion"/> is ExESDB's current
/// version, or null when ExESDB lost a race and answered the bare <c>wrong_expected_version</c>.
/// </summary>
public sealed record AppendConflict(long? CurrentVersion) : AppendOutcome;
