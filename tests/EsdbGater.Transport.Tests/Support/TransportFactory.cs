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
            ["Transport:Tcp:PeerTimeout"] = "15s",
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
