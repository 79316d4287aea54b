namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>The hygiene tests start many BEAM nodes each: one at a time, so they do not crowd the machine together.</summary>
[CollectionDefinition(Name)]
public sealed class HygieneCollection
{
    public const string Name = "Hygiene";
}
