namespace EsdbGater.EndToEnd.Tests.Fixtures;

/// <summary>All end-to-end tests share one topology and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "EndToEnd";
}
