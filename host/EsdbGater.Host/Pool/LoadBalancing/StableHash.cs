using System.IO.Hashing;
using System.Text;

namespace EsdbGater.Host.Pool.LoadBalancing;

/// <summary>
/// A hash that is the same in every process and on every machine (unlike
/// <see cref="string.GetHashCode()"/>), so all gateway replicas agree on a stream's owner node.
/// </summary>
internal static class StableHash
{
    public static ulong Of(string first, string second)
    {
        var length = Encoding.UTF8.GetByteCount(first) + 1 + Encoding.UTF8.GetByteCount(second);
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(first, buffer);
        buffer[written] = 0; // separator: ("ab","c") and ("a","bc") must differ
        Encoding.UTF8.GetBytes(second, buffer[(written + 1)..]);
        return XxHash3.HashToUInt64(buffer);
    }
}
