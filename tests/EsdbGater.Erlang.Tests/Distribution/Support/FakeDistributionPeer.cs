using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EsdbGater.Erlang.Distribution.Handshake;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

/// <summary>
/// A fake EPMD plus a fake node on loopback, acting out a scripted acceptor: a well-behaved or
/// broken handshake, then whatever bytes a test wants to throw at our connection.
/// </summary>
public sealed class FakeDistributionPeer : IAsyncDisposable
{
    /// <summary>The flags an OTP 25.2.3 acceptor offered (reference 2.3).</summary>
    public const DistributionFlags Otp25Flags = (DistributionFlags)0xD07DF7FBDUL;

    private readonly TcpListener _epmd = new(IPAddress.Loopback, 0);
    private readonly TcpListener _node = new(IPAddress.Loopback, 0);
    private readonly Func<FakeSession, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly TaskCompletionSource<Exception?> _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeDistributionPeer(string alive, Func<FakeSession, Task> script)
    {
        Alive = alive;
        _script = script;
        _epmd.Start();
        _node.Start();
        _ = ServeEpmdAsync();
        _ = ServeNodeAsync();
    }

    public string Alive { get; }

    public string NodeName => Alive + "@127.0.0.1";

    public int EpmdPort => ((IPEndPoint)_epmd.LocalEndpoint).Port;

    /// <summary>Completes when the first session's script ends (null) or fails (the exception).</summary>
    public Task<Exception?> FirstSession => _firstSession.Task;

    public static FakeDistributionPeer Start(Func<FakeSession, Task> script, string alive = "fake") => new(alive, script);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _epmd.Stop();
        _node.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task ServeEpmdAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _epmd.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var header = new byte[2];
                await stream.ReadExactlyAsync(header, _stop.Token);
                var request = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
                await stream.ReadExactlyAsync(request, _stop.Token);
                var name = Encoding.UTF8.GetBytes(Alive);
                var reply = new byte[12 + name.Length + 2];
                reply[0] = 119;
                BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), (ushort)((IPEndPoint)_node.LocalEndpoint).Port);
                reply[4] = 77;
                BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(6), 6);
                BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(8), 5);
                BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(10), (ushort)name.Length);
                name.CopyTo(reply, 12);
                await stream.WriteAsync(reply, _stop.Token);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task ServeNodeAsync()
    {
        try
        {
            while (true)
            {
                var client = await _node.AcceptTcpClientAsync(_stop.Token);
                client.NoDelay = true;
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = RunSessionAsync(client);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task RunSessionAsync(TcpClient client)
    {
        try
        {
            await _script(new FakeSession(client, NodeName, _stop.Token));
            _firstSession.TrySetResult(null);
        }
        catch (Exception e)
        {
            _firstSession.TrySetResult(e);
        }
    }
}

/// <summary>One accepted connection of the fake node.</summary>
public sealed class FakeSession(TcpClient client, string nodeName, CancellationToken stop)
{
    public NetworkStream Stream { get; } = client.GetStream();

    public string NodeName => nodeName;

    public CancellationToken Stop => stop;

    /// <summary>Reads our send_name and answers with <paramref name="status"/>.</summary>
    public async Task<string> ReceiveNameAndAnswerAsync(string status)
    {
        var sendName = await ReadPacket2Async();
        if (sendName[0] != (byte)'N')
        {
            throw new InvalidDataException("expected send_name");
        }

        await WritePacket2Async([(byte)'s', .. Encoding.ASCII.GetBytes(status)]);
        return Encoding.UTF8.GetString(sendName.AsSpan(15));
    }

    /// <summary>The acceptor side of a handshake; with <paramref name="corruptAck"/> it answers with a wrong digest.</summary>
    public async Task AcceptHandshakeAsync(string cookie, DistributionFlags flags = FakeDistributionPeer.Otp25Flags, bool corruptAck = false, string? claimedName = null)
    {
        await ReceiveNameAndAnswerAsync("ok");
        const uint challenge = 3788809410;
        var name = Encoding.UTF8.GetBytes(claimedName ?? nodeName);
        var message = new byte[19 + name.Length];
        message[0] = (byte)'N';
        BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(1), (ulong)flags);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(9), challenge);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(13), 0x6b08c712);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(17), (ushort)name.Length);
        name.CopyTo(message, 19);
        await WritePacket2Async(message);

        var reply = await ReadPacket2Async();
        if (reply[0] != (byte)'r' || !CookieDigest.Matches(cookie, challenge, reply.AsSpan(5)))
        {
            // What a real node does with a wrong digest: close without a word.
            client.Dispose();
            throw new InvalidDataException("digest mismatch");
        }

        var digest = CookieDigest.Compute(cookie, BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(1)));
        if (corruptAck)
        {
            digest[0] ^= 0xFF;
        }

        await WritePacket2Async([(byte)'a', .. digest]);
    }

    /// <summary>Reads one 2-byte-framed handshake message.</summary>
    public Task<byte[]> ReadPacket2Async() => ReadLengthPrefixedAsync(headerLength: 2);

    public Task WritePacket2Async(byte[] body) => WriteLengthPrefixedAsync(body, headerLength: 2);

    /// <summary>Reads one 4-byte-framed packet after the handshake (empty for a tick).</summary>
    public Task<byte[]> ReadFrameAsync() => ReadLengthPrefixedAsync(headerLength: 4);

    public Task WriteFrameAsync(byte[] body) => WriteLengthPrefixedAsync(body, headerLength: 4);

    public Task WriteRawAsync(byte[] bytes) => Stream.WriteAsync(bytes, stop).AsTask();

    /// <summary>Keeps the connection open (reading and discarding) until the other side closes it.</summary>
    public async Task DrainUntilClosedAsync()
    {
        var buffer = new byte[4096];
        while (await Stream.ReadAsync(buffer, stop) > 0)
        {
        }
    }

    public void Close() => client.Dispose();

    private async Task<byte[]> ReadLengthPrefixedAsync(int headerLength)
    {
        var header = new byte[headerLength];
        await Stream.ReadExactlyAsync(header, stop);
        var length = headerLength == 2 ? BinaryPrimitives.ReadUInt16BigEndian(header) : BinaryPrimitives.ReadUInt32BigEndian(header);
        var body = new byte[length];
        await Stream.ReadExactlyAsync(body, stop);
        return body;
    }

    private async Task WriteLengthPrefixedAsync(byte[] body, int headerLength)
    {
        // The prefix is the low headerLength bytes of the big-endian 32-bit length.
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)body.Length);
        byte[] framed = [.. length[(4 - headerLength)..], .. body];
        await Stream.WriteAsync(framed, stop);
    }
}
