using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EsdbGater.Discovery.Gossip.Heartbeats;
using EsdbGater.Gossip.Tests.Support;
using static EsdbGater.Gossip.Tests.Support.LibclusterHeartbeat;

namespace EsdbGater.Gossip.Tests.Heartbeats;

/// <summary>Malformed, foreign and hostile datagrams are ignored with a reason and never throw.</summary>
public sealed class HostileDatagramTests
{
    private const string Secret = "somepassword";
    private static readonly byte[] Iv = Hex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f");

    public static TheoryData<string, byte[], IgnoreReason> PlaintextCases => new()
    {
        { "empty", [], IgnoreReason.NoHeartbeatPrefix },
        { "prefix cut short", HeartbeatVectorTests.PlaintextOtp26[..7], IgnoreReason.NoHeartbeatPrefix },
        { "prefix only", HeartbeatVectorTests.PlaintextOtp26[..11], IgnoreReason.MalformedTerm },
        { "term cut short", HeartbeatVectorTests.PlaintextOtp26[..30], IgnoreReason.MalformedTerm },
        { "term missing its last byte", HeartbeatVectorTests.PlaintextOtp26[..^1], IgnoreReason.MalformedTerm },
        { "trailing byte after the term", [.. HeartbeatVectorTests.PlaintextOtp26, 0], IgnoreReason.MalformedTerm },
        { "wrong version byte", Plain([130, .. NodeMap("a@b")[1..]]), IgnoreReason.MalformedTerm },
        { "foreign protocol", "M-SEARCH * HTTP/1.1\r\n"u8.ToArray(), IgnoreReason.NoHeartbeatPrefix },
        { "too large", [.. HeartbeatVectorTests.PlaintextOtp26, .. new byte[HeartbeatReader.MaxDatagramLength]], IgnoreReason.TooLarge },
        { "largest UDP payload", new byte[65_507], IgnoreReason.TooLarge },
        { "map without node", Plain([131, 116, 0, 0, 0, 1, .. Atom("name"), .. Atom("a@b")]), IgnoreReason.NotANodeMap },
        { "empty map", Plain([131, 116, 0, 0, 0, 0]), IgnoreReason.NotANodeMap },
        { "node is a binary", Plain([131, 116, 0, 0, 0, 1, .. Atom("node"), .. Binary("a@b")]), IgnoreReason.NotANodeMap },
        { "node is an integer", Plain([131, 116, 0, 0, 0, 1, .. Atom("node"), 97, 7]), IgnoreReason.NotANodeMap },
        { "key is a binary", Plain([131, 116, 0, 0, 0, 1, .. Binary("node"), .. Atom("a@b")]), IgnoreReason.NotANodeMap },
        { "tuple, not a map", Plain([131, 104, 2, .. Atom("node"), .. Atom("a@b")]), IgnoreReason.NotANodeMap },
        { "map claims a billion pairs", Plain([131, 116, 0x40, 0, 0, 0, .. Atom("node"), .. Atom("a@b")]), IgnoreReason.MalformedTerm },
        { "atom claims 65535 bytes", Plain([131, 116, 0, 0, 0, 1, .. Atom("node"), 100, 0xFF, 0xFF, 97]), IgnoreReason.MalformedTerm },
        { "atom with invalid UTF-8", Plain([131, 116, 0, 0, 0, 1, .. Atom("node"), 119, 3, 0xC3, 0x28, 0x40]), IgnoreReason.MalformedTerm },
        { "nested junk", Plain([131, .. Enumerable.Repeat<byte[]>([108, 0, 0, 0, 1], 200).SelectMany(b => b), .. Enumerable.Repeat((byte)106, 201)]), IgnoreReason.MalformedTerm },
        { "node map inside junk", Plain([131, 104, 1, .. NodeMap("a@b")[1..]]), IgnoreReason.NotANodeMap },
        { "compressed term declaring a gigabyte", Plain([131, 80, 0x40, 0, 0, 0, 0x78, 0x9c, 3, 0]), IgnoreReason.MalformedTerm },
        { "node name without @", Plain(NodeMap("nodename")), IgnoreReason.InvalidNodeName },
        { "node name with two @", Plain(NodeMap("a@b@c")), IgnoreReason.InvalidNodeName },
        { "node name with empty host", Plain(NodeMap("a@")), IgnoreReason.InvalidNodeName },
        { "node name with a newline", Plain(NodeMap("a\n@b")), IgnoreReason.InvalidNodeName },
        { "node name with a space", Plain(NodeMap("a@b c")), IgnoreReason.InvalidNodeName },
    };

    public static TheoryData<string, byte[], IgnoreReason> EncryptedCases => new()
    {
        { "empty", [], IgnoreReason.NotCiphertext },
        { "IV only", Iv, IgnoreReason.NotCiphertext },
        { "not a multiple of 16", HeartbeatVectorTests.EncryptedSomePassword[..63], IgnoreReason.NotCiphertext },
        { "one byte too many", [.. HeartbeatVectorTests.EncryptedSomePassword, 0], IgnoreReason.NotCiphertext },
        { "huge", new byte[65_504], IgnoreReason.TooLarge },
        { "encryption of garbage", Encrypt(Secret, Iv, "definitely not a heartbeat"u8), IgnoreReason.NoHeartbeatPrefix },
        { "encryption of an empty plaintext", Encrypt(Secret, Iv, []), IgnoreReason.NoHeartbeatPrefix },
        { "encryption of a heartbeat with junk", Encrypt(Secret, Iv, [.. Prefix, 131, 255, 1, 2]), IgnoreReason.MalformedTerm },
        { "encryption of a map without node", Encrypt(Secret, Iv, Plain([131, 116, 0, 0, 0, 0])), IgnoreReason.NotANodeMap },
        { "encryption of a non-atom node", Encrypt(Secret, Iv, Plain([131, 116, 0, 0, 0, 1, .. Atom("node"), .. Binary("a@b")])), IgnoreReason.NotANodeMap },
        { "last block of the vector dropped", HeartbeatVectorTests.EncryptedSomePassword[..48], IgnoreReason.DecryptionFailed },
    };

    [Theory]
    [MemberData(nameof(PlaintextCases))]
    public void Plaintext_hostile_datagram_is_ignored_with_its_reason(string why, byte[] datagram, IgnoreReason expected)
    {
        using var reader = new HeartbeatReader(secret: null);

        Assert.False(reader.TryRead(datagram, out var node, out var reason), why);
        Assert.Equal(expected, reason);
        Assert.Equal(string.Empty, node);
    }

    [Theory]
    [MemberData(nameof(EncryptedCases))]
    public void Encrypted_hostile_datagram_is_ignored_with_its_reason(string why, byte[] datagram, IgnoreReason expected)
    {
        using var reader = new HeartbeatReader(Secret);

        Assert.False(reader.TryRead(datagram, out _, out var reason), why);
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("someotherpassword")]
    [InlineData("SomePassword")]
    [InlineData("somepassword ")]
    public void Heartbeat_under_another_secret_is_ignored(string otherSecret)
    {
        using var reader = new HeartbeatReader(otherSecret);

        Assert.False(reader.TryRead(HeartbeatVectorTests.EncryptedSomePassword, out _, out var reason));

        // A wrong key gives random plaintext: almost always bad padding, rarely valid padding
        // over bytes that then lack the prefix. Either way it is not a heartbeat.
        Assert.Contains(reason, new[] { IgnoreReason.DecryptionFailed, IgnoreReason.NoHeartbeatPrefix });
    }

    [Fact]
    public void Random_datagrams_never_yield_a_node_or_throw()
    {
        var random = new Random(20_240_611);
        using var plain = new HeartbeatReader(secret: null);
        using var encrypted = new HeartbeatReader(Secret);
        for (var i = 0; i < 5_000; i++)
        {
            var datagram = new byte[random.Next(0, 1_500)];
            random.NextBytes(datagram);
            if (i % 2 == 0 && datagram.Length > 11)
            {
                // Half carry the prefix, so the term decoder sees random input too.
                Prefix.CopyTo(datagram, 0);
                datagram[11] = 131;
            }

            Assert.False(plain.TryRead(datagram, out _, out _));
            Assert.False(encrypted.TryRead(datagram, out _, out _));
        }
    }

    [Fact]
    public void Random_plaintext_under_the_right_secret_never_yields_a_node()
    {
        var random = new Random(7);
        using var reader = new HeartbeatReader(Secret);
        for (var i = 0; i < 1_000; i++)
        {
            var plaintext = new byte[random.Next(0, 300)];
            random.NextBytes(plaintext);
            if (i % 2 == 0)
            {
                plaintext = [.. Prefix, 131, .. plaintext];
            }

            Assert.False(reader.TryRead(Encrypt(Secret, RandomNumberGenerator.GetBytes(16), plaintext), out _, out _));
        }
    }

    [Fact]
    public void Hostile_datagrams_allocate_little()
    {
        using var reader = new HeartbeatReader(secret: null);
        var bomb = Plain([131, 80, 0x03, 0xFF, 0xFF, 0xFF, 0x78, 0x9c, 3, 0]);
        var billion = Plain([131, 116, 0x40, 0, 0, 0, .. Atom("node"), .. Atom("a@b")]);
        reader.TryRead(bomb, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            reader.TryRead(bomb, out _, out _);
            reader.TryRead(billion, out _, out _);
        }

        // Exceptions cost a few KiB each; a decoder trusting the declared sizes would allocate
        // megabytes per datagram.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 4 * 1024 * 1024);
    }

    [Fact]
    public async Task Every_hostile_datagram_is_counted_and_none_becomes_a_node()
    {
        await using var discovery = TestGossip.Create(secret: null);
        var cases = PlaintextCases.Select(row => ((byte[])row[1], (IgnoreReason)row[2])).ToList();

        foreach (var (datagram, _) in cases)
        {
            discovery.Feed(datagram);
        }

        Assert.Empty(discovery.Current.Nodes);
        Assert.Equal(cases.Count, discovery.Statistics.IgnoredTotal);
        foreach (var group in cases.GroupBy(c => c.Item2))
        {
            Assert.Equal(group.Count(), discovery.Statistics.Ignored(group.Key));
        }

        Assert.Equal(0, discovery.Statistics.HeartbeatsAccepted);
    }

    [Fact]
    public async Task The_receive_loop_survives_hostile_datagrams_on_a_real_socket()
    {
        await using var discovery = TestGossip.Create(secret: Secret);
        await discovery.StartAsync(CancellationToken.None);
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var hostile = EncryptedCases.Select(row => (byte[])row[1]).ToList();

        foreach (var datagram in hostile)
        {
            await sender.SendAsync(datagram, datagram.Length, discovery.LocalEndPoint!);
        }

        var heartbeat = LibclusterHeartbeat.Encrypted(Secret, "survivor@127.0.0.1");
        await sender.SendAsync(heartbeat, heartbeat.Length, discovery.LocalEndPoint!);

        await discovery.WaitForNodeAsync("survivor@127.0.0.1");
        await TestGossip.PollUntilAsync(() => discovery.Statistics.IgnoredTotal == hostile.Count, $"{hostile.Count} ignored datagrams");
        Assert.Equal(0, discovery.Statistics.Ignored(IgnoreReason.HandlerFault));
        Assert.Single(discovery.Current.Nodes);
    }
}
