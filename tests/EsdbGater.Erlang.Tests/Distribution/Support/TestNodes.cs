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

        // These tests expect the peer's own answer (a connection, a TLS refusal, a wrong cookie):
        // on a loaded machine a BEAM's TLS handshake can outlast the 5 s default, and the test
        // then saw HandshakeTimeout instead. The timeout itself is tested with a silent fake peer.
        HandshakeTimeout = TimeSpan.FromSeconds(30),
    };

    public static ErlangNode Create(BeamNode peer, ILoggerFactory? logs = null, Func<ErlangNodeOptions, ErlangNodeOptions>? configure = null)
    {
        var options = OptionsFor(peer);
        return new ErlangNode(configure is null ? options : configure(options), logs);
    }

    /// <summary>Connects through the peer's private EPMD on 127.0.0.1.</summary>
    public static Task<NodeConnection> ConnectAsync(this ErlangNode node, BeamNode peer) => node.ConnectAsync(peer.NodeName, "127.0.0.1");
}
