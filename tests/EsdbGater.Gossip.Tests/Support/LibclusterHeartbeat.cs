using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EsdbGater.Gossip.Tests.Support;

/// <summary>
/// Builds heartbeats the way libcluster's gossip strategy does, independently of the plugin's
/// code, so tests check the plugin against the format rather than against itself.
/// </summary>
public static class LibclusterHeartbeat
{
    public static readonly byte[] Prefix = "heartbeat::"u8.ToArray();

    /// <summary>Which atom tags <c>term_to_binary</c> used.</summary>
    public enum AtomEncoding
    {
        /// <summary>OTP 26+: SMALL_ATOM_UTF8_EXT (119).</summary>
        Utf8Small,

        /// <summary>OTP ≤ 25: ATOM_EXT (100), two-byte length, Latin-1.</summary>
        Latin1,

        /// <summary>SMALL_ATOM_EXT (115), never produced by current OTP but legal.</summary>
        Latin1Small,
    }

    /// <summary><c>term_to_binary(#{node => NodeName})</c>.</summary>
    public static byte[] NodeMap(string nodeName, AtomEncoding encoding = AtomEncoding.Utf8Small) =>
        [131, 116, 0, 0, 0, 1, .. Atom("node", encoding), .. Atom(nodeName, encoding)];

    public static byte[] Atom(string name, AtomEncoding encoding = AtomEncoding.Utf8Small)
    {
        var bytes = encoding == AtomEncoding.Utf8Small ? Encoding.UTF8.GetBytes(name) : Encoding.Latin1.GetBytes(name);
        return encoding switch
        {
            AtomEncoding.Utf8Small => [119, (byte)bytes.Length, .. bytes],
            AtomEncoding.Latin1Small => [115, (byte)bytes.Length, .. bytes],
            _ => [100, .. U16(bytes.Length), .. bytes],
        };
    }

    public static byte[] Binary(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return [109, .. U32(bytes.Length), .. bytes];
    }

    public static byte[] Plain(ReadOnlySpan<byte> term) => [.. Prefix, .. term];

    /// <summary>IV ‖ AES-256-CBC(SHA-256(secret), IV, PKCS#7(plaintext)).</summary>
    public static byte[] Encrypt(string secret, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return [.. iv, .. aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7)];
    }

    /// <summary>An encrypted heartbeat with a random IV, as libcluster sends it.</summary>
    public static byte[] Encrypted(string secret, string nodeName) =>
        Encrypt(secret, RandomNumberGenerator.GetBytes(16), Plain(NodeMap(nodeName)));

    public static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty).Replace("\n", string.Empty));

    public static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    public static byte[] U32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
        return bytes;
    }
}
