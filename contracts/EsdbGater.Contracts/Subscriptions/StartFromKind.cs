namespace EsdbGater.Contracts;

/// <summary>The three ways a new subscription can choose its first event.</summary>
public enum StartFromKind
{
    /// <summary>Every event: each stream from its event 0.</summary>
    Beginning = 0,

    /// <summary>
    /// Only events appended after the subscription was saved: each existing stream from its
    /// version at that moment; streams created later from their event 0.
    /// </summary>
    End = 1,

    /// <summary>
    /// After given per-stream positions (exclusive, as KurrentDB's <c>FromStream.After</c>);
    /// streams not listed from their event 0.
    /// </summary>
    After = 2,
}
