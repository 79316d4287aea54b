namespace EsdbGater.Contracts;

/// <summary>
/// The optimistic-concurrency expectation of an append, in ExESDB's terms: event numbers are
/// 0-based, <see cref="NoStream"/> (-1) means "the stream has no events", an exact number is the
/// number of the stream's last event.
/// </summary>
/// <remarks>
/// Encoded as a single number so it serialises plainly on the bus: <c>-2</c> = any,
/// <c>-4</c> = stream exists, <c>-1</c> = no stream, <c>&gt;= 0</c> = exact. The negative
/// sentinels follow KurrentDB's wire values so that teams moving over recognise them.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ExpectedVersionJsonConverter))]
public readonly record struct ExpectedVersion(long Value)
{
    /// <summary>No check: append whatever the stream's version.</summary>
    public static ExpectedVersion Any { get; } = new(-2);

    /// <summary>The stream must have at least one event.</summary>
    public static ExpectedVersion StreamExists { get; } = new(-4);

    /// <summary>The stream must have no events (ExESDB's <c>-1</c>).</summary>
    public static ExpectedVersion NoStream { get; } = new(-1);

    /// <summary>The stream's last event must have this 0-based number.</summary>
    public static ExpectedVersion Exact(long lastEventNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastEventNumber);
        return new ExpectedVersion(lastEventNumber);
    }

    /// <summary>True for <see cref="Any"/>.</summary>
    public bool IsAny => Value == -2;
    /// <summary>True for <see cref="StreamExists"/>.</summary>
    public bool IsStreamExists => Value == -4;
    /// <summary>True for <see cref="NoStream"/>.</summary>
    public bool IsNoStream => Value == -1;
    /// <summary>True for an exact version (<see cref="Exact"/>).</summary>
    public bool IsExact => Value >= 0;

    /// <summary>True for the four defined forms; anything else is an invalid request.</summary>
    public bool IsValid => Value >= -2 || Value == -4;

    /// <summary>ExESDB's spelling: <c>any</c>, <c>stream_exists</c>, <c>no_stream</c> or the number.</summary>
    public override string ToString() => Value switch
    {
        -2 => "any",
        -4 => "stream_exists",
        -1 => "no_stream",
        >= 0 => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => $"invalid({Value})",
    };
}
