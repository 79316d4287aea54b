using System.Text;

namespace EsdbGater.Erlang.Tests.Terms;

/// <summary>
/// Turns byte dumps written as in the reference document into bytes: hex digits in any grouping
/// (<c>83 68 04</c>, <c>00000001</c>) and quoted ASCII (<c>"dotnet@vm"</c>), so vectors can be pasted as they are.
/// </summary>
internal static class WireDump
{
    public static byte[] Parse(string dump)
    {
        var bytes = new List<byte>();
        var hex = new StringBuilder();
        for (var i = 0; i < dump.Length; i++)
        {
            var c = dump[i];
            if (c == '"')
            {
                var end = dump.IndexOf('"', i + 1);
                bytes.AddRange(Encoding.ASCII.GetBytes(dump[(i + 1)..end]));
                i = end;
            }
            else if (char.IsAsciiHexDigit(c))
            {
                hex.Append(c);
                if (hex.Length == 2)
                {
                    bytes.Add(Convert.ToByte(hex.ToString(), 16));
                    hex.Clear();
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                throw new FormatException($"Unexpected '{c}' in a wire dump.");
            }
        }

        return hex.Length == 0 ? [.. bytes] : throw new FormatException("Odd number of hex digits.");
    }

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
