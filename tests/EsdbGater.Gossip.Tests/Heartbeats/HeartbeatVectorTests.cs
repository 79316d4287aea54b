using EsdbGater.Discovery.Gossip.Heartbeats;
using EsdbGater.Gossip.Tests.Support;
using static EsdbGater.Gossip.Tests.Support.LibclusterHeartbeat;

namespace EsdbGater.Gossip.Tests.Heartbeats;

/// <summary>The test vectors of erlang-distribution.md §6.3.</summary>
public sealed class HeartbeatVectorTests
{
    /// <summary>Plaintext heartbeat for node_a@host1, OTP 26+ encoding (SMALL_ATOM_UTF8_EXT).</summary>
    public static readonly byte[] PlaintextOtp26 = Hex(
        "68 65 61 72 74 62 65 61 74 3a 3a 83 74 00 00 00 01 77 04 6e 6f 64 65 77 0c 6e 6f 64 65 5f 61 40 68 6f 73 74 31");

    /// <summary>The same heartbeat encrypted with secret "somepassword" and IV 00..0f.</summary>
    public static readonly byte[] EncryptedSomePassword = Hex(
        "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f" +
        "02 93 fc f6 46 d2 48 54 2d 82 ee a2 83 21 6c 73 28 a7 c4 a2 12 21 56 0b c5 c9 c9 4d e7 a6 fc 7b" +
        "ab 2a b9 b9 8a 62 ae 63 ca f6 11 a4 96 8e 04 dc");

    [Fact]
    public void Plaintext_Otp26_encoding_names_the_node()
    {
        using var reader = new HeartbeatReader(secret: null);

        Assert.True(reader.TryRead(PlaintextOtp26, out var node, out _));
        Assert.Equal("node_a@host1", node);
    }

    [Fact]
    public void Plaintext_Otp25_encoding_with_ATOM_EXT_names_the_node()
    {
        // 83 74 00000001 64 0004 "node" 64 000c "node_a@host1", as OTP 25's term_to_binary writes it.
        var otp25 = Plain(Hex("83 74 00000001 64 0004 6e6f6465 64 000c 6e6f64655f6140686f737431"));
        using var reader = new HeartbeatReader(secret: null);

        Assert.True(reader.TryRead(otp25, out var node, out _));
        Assert.Equal("node_a@host1", node);
    }

    [Theory]
    [InlineData(AtomEncoding.Utf8Small)]
    [InlineData(AtomEncoding.Latin1)]
    [InlineData(AtomEncoding.Latin1Small)]
    public void Every_atom_encoding_is_accepted_for_key_and_value(AtomEncoding encoding)
    {
        using var reader = new HeartbeatReader(secret: null);

        Assert.True(reader.TryRead(Plain(NodeMap("reg_gh@reg-gh-0", encoding)), out var node, out _));
        Assert.Equal("reg_gh@reg-gh-0", node);
    }

    [Fact]
    public void Key_and_value_may_use_different_atom_encodings()
    {
        byte[] mixed = [131, 116, 0, 0, 0, 1, .. Atom("node", AtomEncoding.Latin1), .. Atom("a@b", AtomEncoding.Utf8Small)];
        using var reader = new HeartbeatReader(secret: null);

        Assert.True(reader.TryRead(Plain(mixed), out var node, out _));
        Assert.Equal("a@b", node);
    }

    [Fact]
    public void Encrypted_vector_decrypts_to_node_a_at_host1()
    {
        Assert.Equal(64, EncryptedSomePassword.Length);
        using var reader = new HeartbeatReader("somepassword");

        Assert.True(reader.TryRead(EncryptedSomePassword, out var node, out _));
        Assert.Equal("node_a@host1", node);
    }

    [Fact]
    public void The_test_encoder_reproduces_the_encrypted_vector()
    {
        // Guards the helper the other tests use to build encrypted datagrams.
        var iv = Hex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f");

        Assert.Equal(EncryptedSomePassword, Encrypt("somepassword", iv, PlaintextOtp26));
    }

    [Fact]
    public void Extra_map_keys_are_allowed_as_in_libcluster()
    {
        byte[] term = [131, 116, 0, 0, 0, 2, .. Atom("extra"), .. Binary("x"), .. Atom("node"), .. Atom("a@b")];
        using var reader = new HeartbeatReader(secret: null);

        Assert.True(reader.TryRead(Plain(term), out var node, out _));
        Assert.Equal("a@b", node);
    }

    [Fact]
    public void Encrypted_heartbeat_without_a_configured_secret_lacks_the_prefix()
    {
        using var reader = new HeartbeatReader(secret: null);

        Assert.False(reader.TryRead(EncryptedSomePassword, out _, out var reason));
        Assert.Equal(IgnoreReason.NoHeartbeatPrefix, reason);
    }

    [Fact]
    public void Plaintext_heartbeat_with_a_configured_secret_is_not_ciphertext()
    {
        using var reader = new HeartbeatReader("somepassword");

        Assert.False(reader.TryRead(PlaintextOtp26, out _, out var reason));
        Assert.Equal(IgnoreReason.NotCiphertext, reason);
    }
}
