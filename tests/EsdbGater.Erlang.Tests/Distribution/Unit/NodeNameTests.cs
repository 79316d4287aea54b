using EsdbGater.Erlang.Distribution;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

public sealed class NodeNameTests
{
    [Theory]
    [InlineData("peer@vm", "peer", "vm")]
    [InlineData("ex_esdb@127.0.0.1", "ex_esdb", "127.0.0.1")]
    public void Valid_names_split_into_alive_and_host(string text, string alive, string host)
    {
        var name = NodeName.Parse(text);

        Assert.Equal(alive, name.Alive);
        Assert.Equal(host, name.Host);
        Assert.Equal(text, name.FullName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("peer")]
    [InlineData("@vm")]
    [InlineData("peer@")]
    [InlineData("a@b@c")]
    [InlineData("a b@host")]
    [InlineData("a.b@host")]
    [InlineData("a@host:1")]
    public void Invalid_names_are_refused(string text)
    {
        Assert.False(NodeName.TryParse(text, out _));
    }

    [Fact]
    public void Unique_names_differ_and_match_swarms_maintenance_blacklist()
    {
        var a = NodeName.CreateUnique(host: "h");
        var b = NodeName.CreateUnique(host: "h");

        Assert.NotEqual(a, b);
        Assert.Matches("^.+_maint_.+$", a.FullName);
        Assert.Equal("h", a.Host);
    }
}
