namespace EsdbGater.Contracts;

/// <summary>Direction of a stream read.</summary>
public enum ReadDirection
{
    /// <summary>Ascending event numbers from the start number, inclusive.</summary>
    Forward = 0,

    /// <summary>Descending event numbers from the start number, inclusive.</summary>
    Backward = 1,
}
