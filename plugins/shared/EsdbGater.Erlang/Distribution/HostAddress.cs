using System.Net;
using System.Net.Sockets;

namespace EsdbGater.Erlang.Distribution;

/// <summary>Turns a node's host part (or an explicit EPMD host) into one address to dial.</summary>
internal static class HostAddress
{
    public static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new DistributionConnectException(ConnectFailure.EpmdUnreachable, $"Host '{host}' does not resolve ({e.SocketErrorCode}); pass the EPMD host explicitly.", e);
        }

        // EPMD and BEAM listen on IPv4 unless told otherwise (-proto_dist inet6_tcp), so prefer it.
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new DistributionConnectException(ConnectFailure.EpmdUnreachable, $"Host '{host}' resolves to no address.");
    }
}
