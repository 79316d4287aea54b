using System.Security.Cryptography;
using System.Text;

namespace EsdbGater.Discovery.Gossip.Heartbeats;

/// <summary>
/// libcluster's heartbeat encryption, decrypt side: AES-256-CBC, key = SHA-256 of the secret's
/// UTF-8 bytes, IV = the datagram's first 16 bytes, PKCS#7 padding. Not thread-safe: one receive
/// loop uses it.
/// </summary>
internal sealed class HeartbeatCipher : IDisposable
{
    private const int BlockSize = 16;
    private readonly Aes _aes;

    public HeartbeatCipher(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var key = SHA256.HashData(secretBytes);
        _aes = Aes.Create();
        _aes.Key = key;
        CryptographicOperations.ZeroMemory(secretBytes);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>An IV and at least one whole block: anything else cannot be a libcluster ciphertext.</summary>
    public static bool IsCiphertextShaped(int length) => length >= 2 * BlockSize && length % BlockSize == 0;

    /// <summary>
    /// Decrypts <paramref name="datagram"/> into <paramref name="destination"/> (at least as long
    /// as the datagram) and strips the padding; false when the padding is invalid.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> datagram, Span<byte> destination, out int plaintextLength)
    {
        if (!IsCiphertextShaped(datagram.Length))
        {
            plaintextLength = 0;
            return false;
        }

        // Padding is checked here instead of by PaddingMode.PKCS7: a flood of datagrams under a
        // wrong secret would otherwise cost one CryptographicException each.
        var written = _aes.DecryptCbc(datagram[BlockSize..], datagram[..BlockSize], destination, PaddingMode.None);
        return TryStripPkcs7(destination[..written], out plaintextLength);
    }

    public void Dispose() => _aes.Dispose();

    private static bool TryStripPkcs7(ReadOnlySpan<byte> padded, out int length)
    {
        length = 0;
        int pad = padded[^1];
        if (pad is < 1 or > BlockSize)
        {
            return false;
        }

        var padding = padded[^pad..];
        if (padding.IndexOfAnyExcept((byte)pad) >= 0)
        {
            return false;
        }

        length = padded.Length - pad;
        return true;
    }
}
