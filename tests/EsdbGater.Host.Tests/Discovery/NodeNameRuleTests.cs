using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Host.Tests.Discovery;

/// <summary>The one node-name rule both discovery plugins apply.</summary>
public sealed class NodeNameRuleTests
{
    [Theory]
    [InlineData("exesdb1@localhost")]
    [InlineData("reg_gh@reg-gh-0")]
    [InlineData("node-1@10.0.0.7")]
    [InlineData("ex_esdb@exesdb_node_1")]
    [InlineData("ex_esdb@node1.cluster.example")]
    public void Erlang_node_names_are_valid(string name)
    {
        Assert.Null(NodeNameRule.Check(name));
        Assert.True(NodeNameRule.IsValid(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@host")]
    [InlineData("alive@")]
    [InlineData("a@b@c")]
    [InlineData("a.b@host")]
    [InlineData("a b@host")]
    [InlineData("a@b c")]
    [InlineData("a\n@b")]
    [InlineData("a@host:4369")]
    [InlineData("ä@host")]
    public void Other_names_are_invalid_with_a_reason(string? name)
    {
        Assert.NotNull(NodeNameRule.Check(name));
        Assert.False(NodeNameRule.IsValid(name));
    }

    [Fact]
    public void A_node_name_is_at_most_an_atom_long()
    {
        var longest = new string('a', NodeNameRule.MaxLength - 2) + "@h";

        Assert.True(NodeNameRule.IsValid(longest));
        Assert.Contains("255", NodeNameRule.Check("a" + longest));
    }

    [Fact]
    public void The_host_part_is_what_follows_the_at_sign() =>
        Assert.Equal("exesdb_node_1", NodeNameRule.HostPart("ex_esdb@exesdb_node_1"));
}
