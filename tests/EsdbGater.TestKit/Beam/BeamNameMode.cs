namespace EsdbGater.TestKit.Beam;

/// <summary>How a test node is named.</summary>
public enum BeamNameMode
{
    /// <summary><c>-sname alive</c>: <c>alive@shorthost</c>, as ExESDB nodes are named.</summary>
    Short,

    /// <summary><c>-name alive@127.0.0.1</c>: no dependency on host name resolution.</summary>
    Long,
}
