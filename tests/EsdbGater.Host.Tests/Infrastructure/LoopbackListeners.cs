using System.Globalization;

namespace EsdbGater.Host.Tests.Infrastructure;

/// <summary>The local addresses that listen on a TCP port, read from /proc/net/tcp and /proc/net/tcp6.</summary>
internal static class LoopbackListeners
{
    private const string Listen = "0A";

    /// <summary>The hex local addresses of the sockets listening on <paramref name="port"/> (for example <c>0100007F</c> for 127.0.0.1).</summary>
    public static IReadOnlyList<string> AddressesListeningOn(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 3 && fields[3] == Listen && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
            .Select(fields => fields[1][..fields[1].IndexOf(':', StringComparison.Ordinal)])
            .ToList();
    }

    /// <summary>True for 127.0.0.0/8 and ::1 as the kernel prints them.</summary>
    public static bool IsLoopback(string hexAddress) =>
        (hexAddress.Length == 8 && hexAddress.EndsWith("7F", StringComparison.Ordinal))
        || hexAddress == "00000000000000000000000001000000";
}
