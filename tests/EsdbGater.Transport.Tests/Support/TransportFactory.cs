using EsdbGater.Plugins;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Transport.Tests.Support;

/// <summary>Creates the tcp transport the way the host does: through the plugin, from configuration.</summary>
internal static class TransportFactory
{
    public static INodeTransport Create(int epmdPort, string nodeHost, string cookie, RecordingLoggerFactory logs, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Cookie"] = cookie,
            ["Transport:Tcp:EpmdPort"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Transport:Tcp:NodeHost"] = nodeHost,
            ["Transport:Tcp:TickInterval"] = "1s",
            // Longer than the test nodes' tick period: with OTP's default net_ticktime (60 s) an idle
            // BEAM sends a tick only every 15 s, and a 15 s timeout dropped idle connections.
            ["Transport:Tcp:PeerTimeout"] = "75s",
            ["Transport:Tcp:FeedJoinTimeout"] = "10s",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new TcpTransportPlugin().Create(new PluginContext(configuration, logs, TimeProvider.System));
    }
}
