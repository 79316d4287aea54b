namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>Where a development cluster keeps its Mnesia copies (every node holds a full copy either way).</summary>
public enum DevStorage
{
    /// <summary>On disc in the node's data directory: a restarted node reloads its copy.</summary>
    Disc,

    /// <summary>In memory only: a restarted node copies the store from the running nodes.</summary>
    Ram,
}
