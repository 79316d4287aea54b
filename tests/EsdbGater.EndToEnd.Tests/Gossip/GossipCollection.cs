namespace EsdbGater.EndToEnd.Tests.Gossip;

/// <summary>
/// The gossip discovery tests and their own topology. Not run in parallel with the other
/// collections: the machine is small and the fault tests' deadlines are short.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GossipCollection : ICollectionFixture<GossipTopology>
{
    public const string Name = "Gossip";
}
