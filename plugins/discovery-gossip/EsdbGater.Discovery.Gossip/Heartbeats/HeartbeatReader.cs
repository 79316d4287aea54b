using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Discovery.Gossip.Heartbeats;

/// <summary>
/// Turns one datagram into the node name it announces, or the reason it is not a heartbeat.
/// Format (libcluster <c>Cluster.Strategy.Gossip</c>): <c>"heartbeat::" ++ term_to_binary(#{node => Node})</c>,
/// optionally encrypted (see <see cref="HeartbeatCipher"/>). Never throws for any input bytes
/// except on a bug; one receive loop uses it.
/// </summary>
internal sealed class HeartbeatReader : IDisposable
{
    /// <summary>
    /// Above any real heartbeat: a 255-character UTF-8 atom is at most 1020 bytes, plus prefix,
    /// term framing, IV and padding stays under 1100.
    /// </summary>
    public const int MaxDatagramLength = 2048;

    private static readonly ErlAtom NodeKey = ErlAtom.Of("node");

    /// <summary>
    /// A heartbeat is a flat one-key map. Tight limits stop nested junk early and keep a
    /// compressed term from declaring (and the decoder from allocating) megabytes.
    /// </summary>
    private static readonly TermDecoderOptions Limits = new() { MaxDepth = 8, MaxDecompressedSize = MaxDatagramLength };

    private readonly HeartbeatCipher? _cipher;

    /// <param name="secret">The cluster secret; <c>null</c> for plaintext heartbeats.</param>
    public HeartbeatReader(string? secret) => _cipher = secret is null ? null : new HeartbeatCipher(secret);

    private static ReadOnlySpan<byte> Prefix => "heartbeat::"u8;

    public bool TryRead(ReadOnlySpan<byte> datagram, out string nodeName, out IgnoreReason reason)
    {
        nodeName = string.Empty;
        if (datagram.Length > MaxDatagramLength)
        {
            reason = IgnoreReason.TooLarge;
            return false;
        }

        if (_cipher is null)
        {
            return TryReadPlaintext(datagram, out nodeName, out reason);
        }

        if (!HeartbeatCipher.IsCiphertextShaped(datagram.Length))
        {
            reason = IgnoreReason.NotCiphertext;
            return false;
        }

        Span<byte> decrypted = stackalloc byte[MaxDatagramLength];
        try
        {
            if (!_cipher.TryDecrypt(datagram, decrypted, out var length))
            {
                reason = IgnoreReason.DecryptionFailed;
                return false;
            }

            return TryReadPlaintext(decrypted[..length], out nodeName, out reason);
        }
        finally
        {
            // Decrypted bytes may be anything a sender with our secret chose; do not leave them on the stack.
            decrypted.Clear();
        }
    }

    public void Dispose() => _cipher?.Dispose();

    private static bool TryReadPlaintext(ReadOnlySpan<byte> plaintext, out string nodeName, out IgnoreReason reason)
    {
        nodeName = string.Empty;
        if (!plaintext.StartsWith(Prefix))
        {
            reason = IgnoreReason.NoHeartbeatPrefix;
            return false;
        }

        ErlangTerm term;
        try
        {
            term = TermDecoder.Decode(plaintext[Prefix.Length..], Limits);
        }
        catch (TermDecodeException)
        {
            reason = IgnoreReason.MalformedTerm;
            return false;
        }

        // libcluster matches %{node: n} when is_atom(n): extra keys are allowed.
        if (term is not ErlMap map || !map.TryGetValue(NodeKey, out var value) || value is not ErlAtom node)
        {
            reason = IgnoreReason.NotANodeMap;
            return false;
        }

        if (!NodeNameRule.IsValid(node.Name))
        {
            reason = IgnoreReason.InvalidNodeName;
            return false;
        }

        nodeName = node.Name;
        reason = default;
        return true;
    }
}
