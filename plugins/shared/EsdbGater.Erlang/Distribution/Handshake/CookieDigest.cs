using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EsdbGater.Erlang.Distribution.Handshake;

/// <summary>The handshake's challenge digest: MD5(cookie ++ the challenge as an unsigned decimal).</summary>
public static class CookieDigest
{
    /// <summary>The 16-byte digest of <paramref name="challenge"/> under <paramref name="cookie"/>.</summary>
    public static byte[] Compute(string cookie, uint challenge)
    {
        // The challenge is unsigned: 3788809410 must be "3788809410", never a negative number.
        var text = cookie + challenge.ToString(CultureInfo.InvariantCulture);

        // OTP hashes the cookie atom's characters; cookies are Latin-1 in practice, UTF-8 covers ASCII.
        return MD5.HashData(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Constant-time comparison of a received digest with the expected one.</summary>
    public static bool Matches(string cookie, uint challenge, ReadOnlySpan<byte> received) =>
        received.Length == 16 && CryptographicOperations.FixedTimeEquals(Compute(cookie, challenge), received);
}
