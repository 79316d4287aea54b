namespace EsdbGater.Erlang.Terms;

/// <summary>Bytes that are not a valid (or not an acceptable) external term.</summary>
public sealed class TermDecodeException(string message, int offset) : Exception($"{message} (at byte {offset})")
{
    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = message;

    /// <summary>Where in the input the problem was found.</summary>
    public int Offset { get; } = offset;
}
