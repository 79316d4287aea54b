using EsdbGater.Erlang.Distribution;
using EsdbGater.TestKit.Beam;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

/// <summary>Our hidden node, set up to reach a test BEAM node.</summary>
public static class TestNodes
{
    public static ErlangNodeOptions OptionsFor(BeamNode peer, string? cookie = null) => new()
    {
        NodeName = NodeName.CreateUnique(host: peer.Host).FullName,
        Cookie = cookie ?? peer.Cookie,
        EpmdPort = peer.EpmdPort,
    };

    public static ErlangNode Create(BeamNode peer, ILoggerFactory? logs = null, Func<ErlangNodeOptions, ErlangNodeOptions>? configure = null)
    {
        var options = OptionsFor(peer);
        return new ErlangNode(configure is null ? options : configure(options), logs);
    }

    /// <summary>Connects through the peer's private EPMD on 127.0.0.1.</summary>
    public static Task<NodeConnection> ConnectAsync(this ErlangNode node, BeamNode peer) => node.ConnectAsync(peer.NodeName, "127.0.0.1");
}
