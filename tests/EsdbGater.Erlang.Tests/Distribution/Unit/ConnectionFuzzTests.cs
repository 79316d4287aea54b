using System.Collections.Immutable;
using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Distribution.Handshake;
using EsdbGater.Erlang.Distribution.Protocol;
using EsdbGater.Erlang.Tests.Distribution.Support;
using EsdbGater.Erlang.Terms;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

/// <summary>
/// Thousands of random and mutated packets through the connection's parser, dispatcher and
/// frame reader: the only failure allowed is a typed protocol error that closes the connection.
/// </summary>
public sealed class ConnectionFuzzTests
{
    private const string Peer = "fuzz@127.0.0.1";
    private static readonly ErlAtom PeerAtom = Erl.Atom(Peer);

    [Fact]
    public async Task Random_and_mutated_packets_only_ever_raise_protocol_errors()
    {
        var logs = new RecordingLoggerFactory();
        await using var node = NewNode(logs);
        var (ours, peer) = DuplexStream.CreatePair();
        var drain = peer.CopyToAsync(Stream.Null);
        var connection = new NodeConnection(node, ours, Handshake(), tls: false, logs.CreateLogger("Transport"));
        await using var mailbox = node.CreateMailbox("fuzz_inbox");
        var corpus = Corpus(node, connection, mailbox);
        var random = new Random(20250101);
        var rejected = 0;

        for (var i = 0; i < 6000; i++)
        {
            var packet = i % 5 == 0 ? RandomBytes(random) : Mutate(random, corpus[random.Next(corpus.Count)]);
            try
            {
                await connection.HandlePacketAsync(packet);
            }
            catch (DistributionProtocolException)
            {
                rejected++;
            }
        }

        Assert.InRange(rejected, 1000, 5999);
        Assert.DoesNotContain(logs.Entries, l => l.Level >= LogLevel.Error);
        await connection.DisposeAsync();
        peer.Dispose();
        await drain.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
    }

    [Fact]
    public async Task Hostile_streams_through_the_reader_close_with_protocol_errors_only()
    {
        var logs = new RecordingLoggerFactory();
        await using var node = NewNode(logs);
        var random = new Random(7);
        var reasons = new Dictionary<string, int>();

        for (var i = 0; i < 300; i++)
        {
            var (ours, peer) = DuplexStream.CreatePair();
            var connection = new NodeConnection(node, ours, Handshake(), tls: false, logs.CreateLogger("Transport"));
            var drain = peer.CopyToAsync(Stream.Null);
            connection.Start();
            var corpus = Corpus(node, connection, null);
            for (var frames = random.Next(1, 20); frames > 0; frames--)
            {
                var packet = random.Next(4) == 0 ? RandomBytes(random) : Mutate(random, corpus[random.Next(corpus.Count)]);
                var header = new byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, random.Next(10) == 0 ? (uint)random.Next() : (uint)packet.Length);
                await peer.WriteAsync(header);
                await peer.WriteAsync(packet);
            }

            peer.Dispose(); // our side then reads end-of-stream
            var reason = await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
            var kind = reason.StartsWith("protocol error", StringComparison.Ordinal) ? "protocol error" : reason;
            reasons[kind] = reasons.GetValueOrDefault(kind) + 1;
            await drain.ContinueWith(_ => { });
        }

        Assert.Subset(new HashSet<string> { "protocol error", "the peer closed the connection" }, reasons.Keys.ToHashSet());
        Assert.True(reasons.GetValueOrDefault("protocol error") > 100, string.Join(", ", reasons));
        Assert.DoesNotContain(logs.Entries, l => l.Level >= LogLevel.Error);
    }

    private static ErlangNode NewNode(ILoggerFactory logs) => new(new ErlangNodeOptions
    {
        NodeName = "us@127.0.0.1",
        Cookie = "fuzz",
        MaxPacketSize = 1 << 16,
        TickInterval = TimeSpan.FromMinutes(5),
        PeerTimeout = TimeSpan.FromMinutes(5),
    }, logs);

    private static HandshakeResult Handshake() =>
        new(Peer, FakeDistributionPeer.Otp25Flags, DistributionFlagSets.Ours & FakeDistributionPeer.Otp25Flags, 0x6b08c712);

    // Valid packets of every operation, aimed at our real pids and names so dispatch runs deep.
    private static List<byte[]> Corpus(ErlangNode node, NodeConnection connection, Mailbox? mailbox)
    {
        var theirs = new ErlPid(PeerAtom, 85, 0, 0x6b08c712);
        var ourPid = mailbox?.Self ?? new ErlPid(node.Name, 1, 0, node.Creation);
        var reference = new ErlRef(PeerAtom, 0x6b08c712, ImmutableArray.Create(1u, 2u, 3u));
        var ourRef = new ErlRef(node.Name, node.Creation, ImmutableArray.Create(1u, 0u, 9u));
        var name = Erl.Atom("fuzz_inbox");
        var rex = Erl.Atom("rex");
        var message = Erl.Tuple(Erl.Atom("hello"), Erl.List(1, 2.5, "bin"), Erl.Map((Erl.Atom("k"), -5000000000)));
        var genCall = Erl.Tuple(Erl.Atom("$gen_call"), Erl.Tuple(theirs, reference), Erl.Tuple(Erl.Atom("call"), Erl.Atom("application"), Erl.Atom("which_applications"), ErlList.Empty, Erl.Atom("user")));
        (ErlTuple Control, ErlangTerm? Payload)[] messages =
        [
            (Erl.Tuple(2, ErlAtom.Empty, ourPid), message),
            (Erl.Tuple(22, theirs, ourPid), message),
            (Erl.Tuple(22, theirs, connection.CallerPid), Erl.Tuple(ourRef, Erl.Atom("late"))),
            (Erl.Tuple(12, ErlAtom.Empty, ourPid, Erl.Atom("token")), message),
            (Erl.Tuple(6, theirs, ErlAtom.Empty, name), message),
            (Erl.Tuple(6, theirs, ErlAtom.Empty, rex), genCall),
            (Erl.Tuple(6, theirs, ErlAtom.Empty, rex), Erl.Tuple(theirs, Erl.Tuple(Erl.Atom("call"), Erl.Atom("m"), Erl.Atom("f"), ErlList.Empty, Erl.Atom("user")))),
            (Erl.Tuple(16, theirs, ErlAtom.Empty, name, Erl.Atom("token")), message),
            (Erl.Tuple(33, theirs, ourRef), Erl.Tuple(new ErlList([Erl.Atom("alias")], ourRef), 1)),
            (Erl.Tuple(19, theirs, name, reference), null),
            (Erl.Tuple(19, theirs, ourPid, reference), null),
            (Erl.Tuple(19, theirs, Erl.Atom("nobody"), reference), null),
            (Erl.Tuple(20, theirs, name, reference), null),
            (Erl.Tuple(21, theirs, ourPid, ourRef, Erl.Atom("normal")), null),
            (Erl.Tuple(28, theirs, connection.CallerPid, ourRef), Erl.Atom("noproc")),
            (Erl.Tuple(1, theirs, ourPid), null),
            (Erl.Tuple(35, 7, theirs, ourPid), null),
            (Erl.Tuple(36, 7, theirs, ourPid), null),
            (Erl.Tuple(3, theirs, ourPid, Erl.Atom("killed")), null),
            (Erl.Tuple(24, theirs, ourPid), Erl.Atom("normal")),
            (Erl.Tuple(8, theirs, ourPid, Erl.Atom("kill")), null),
            (Erl.Tuple(26, theirs, ourPid), Erl.Atom("shutdown")),
            (Erl.Tuple(7, theirs, ourPid), null),
            (Erl.Tuple(29, reference, theirs, theirs, Erl.Tuple(Erl.Atom("m"), Erl.Atom("f"), 0), ErlList.Empty), ErlList.Empty),
            (Erl.Tuple(99, Erl.Atom("future")), null),
        ];

        return [.. messages.Select(m =>
        {
            using var frame = DistributionMessage.Encode(m.Control, m.Payload);
            return frame.Bytes.Span[4..].ToArray();
        })];
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        if (bytes.Length > 2 && random.Next(2) == 0)
        {
            bytes[0] = 112;
            bytes[1] = 131;
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = original.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes[at] = 0xFF; // maximal lengths and arities
                    break;
            }
        }

        return [.. bytes];
    }
}
