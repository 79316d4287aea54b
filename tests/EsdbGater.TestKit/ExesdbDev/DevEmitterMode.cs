namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>How a development node treats emitter pools (its <c>--emitter-mode</c>).</summary>
public enum DevEmitterMode
{
    /// <summary>Pools start with the store (built-in "all-events") and with every saved subscription, so events are broadcast.</summary>
    Started,

    /// <summary>
    /// Like a real ExESDB 0.11 node after a normal start: no pool runs and nothing is broadcast until
    /// something calls <c>'Elixir.ExESDB.Emitters':start_emitter_pool/2</c> through rex.
    /// </summary>
    Exesdb011,
}
