using System.Net;
using System.Net.Sockets;

namespace EsdbGater.Discovery.Gossip.Resolution;

/// <summary>The production <see cref="HostResolver"/>: the system resolver (hosts file, DNS).</summary>
internal static class DnsHostResolver
{
    public static async Task<bool> ResolvesAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
