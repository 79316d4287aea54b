using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using EsdbGater.Erlang.Distribution.Epmd;
using EsdbGater.Erlang.Distribution.Handshake;
using EsdbGater.Erlang.Distribution.Runtime;
using EsdbGater.Erlang.Terms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EsdbGater.Erlang.Distribution;

/// <summary>
/// The local hidden Erlang node: owns our pids, registered mailboxes and the connections to
/// remote nodes. Outgoing connections only; it never listens and never registers with EPMD.
/// It answers <c>rex</c> calls from connected nodes (see <see cref="RexResponder"/>).
/// </summary>
public sealed class ErlangNode : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ErlPid, Mailbox> _mailboxes = new();
    private readonly ConcurrentDictionary<ErlAtom, Mailbox> _registered = new();
    private readonly Lock _connectionsGate = new();
    private readonly Dictionary<string, Task<NodeConnection>> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private readonly uint _refSalt = RandomWord();
    private long _nextPid;
    private long _nextRef;

    public ErlangNode(ErlangNodeOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!NodeName.TryParse(options.NodeName, out _))
        {
            throw new ArgumentException($"'{options.NodeName}' is not a node name of the form alive@host.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.Cookie))
        {
            throw new ArgumentException("The cookie must not be empty.", nameof(options));
        }

        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(TransportLog.Category);
        Name = ErlAtom.Of(options.NodeName);
        Creation = NewCreation();
        RexPid = MakePid();
        Rex = new RexResponder(this, _logger);
    }

    /// <summary>Our node name as an atom.</summary>
    public ErlAtom Name { get; }

    /// <summary>Our creation (random, &gt;= 4), stamped into every pid and reference we make.</summary>
    public uint Creation { get; }

    internal ErlangNodeOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal ErlPid RexPid { get; }

    internal RexResponder Rex { get; }

    /// <summary>
    /// The live connection to <paramref name="remoteNodeName"/>, opening one if needed (EPMD
    /// lookup on <paramref name="epmdHost"/> or the name's host part, then the handshake).
    /// Concurrent callers share one attempt. Throws <see cref="DistributionConnectException"/>
    /// with a typed failure; the next call tries again (the caller owns backoff).
    /// </summary>
    public async Task<NodeConnection> ConnectAsync(string remoteNodeName, string? epmdHost = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (!NodeName.TryParse(remoteNodeName, out var remote))
        {
            throw new DistributionConnectException(ConnectFailure.InvalidNodeName, $"'{remoteNodeName}' is not a node name of the form alive@host.");
        }

        Task<NodeConnection> attempt;
        lock (_connectionsGate)
        {
            // A finished attempt is reused only while its connection lives; a failed or closed
            // one is replaced by a fresh attempt that every concurrent caller then shares.
            if (!_connections.TryGetValue(remote.FullName, out attempt!) || (attempt.IsCompleted && !(attempt.IsCompletedSuccessfully && attempt.Result.IsConnected)))
            {
                attempt = OpenAsync(remote, epmdHost);
                _connections[remote.FullName] = attempt;
            }
        }

        return await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new mailbox (a pid of ours), optionally registered under a name remote nodes can send to.</summary>
    public Mailbox CreateMailbox(string? registeredName = null)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var name = registeredName is null ? null : ErlAtom.Of(registeredName);
        if (name is not null && name.Equals(Atoms.Rex))
        {
            throw new ArgumentException("'rex' is the node's built-in rpc responder.", nameof(registeredName));
        }

        var mailbox = new Mailbox(this, MakePid(), name, Options.MailboxCapacity);
        if (name is not null && !_registered.TryAdd(name, mailbox))
        {
            throw new ArgumentException($"The name '{registeredName}' is already registered.", nameof(registeredName));
        }

        _mailboxes[mailbox.Self] = mailbox;
        return mailbox;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        foreach (var mailbox in _mailboxes.Values)
        {
            await mailbox.DisposeAsync().ConfigureAwait(false);
        }

        List<Task<NodeConnection>> attempts;
        lock (_connectionsGate)
        {
            attempts = [.. _connections.Values];
            _connections.Clear();
        }

        var closing = new List<Task>();
        foreach (var attempt in attempts)
        {
            if (attempt.IsCompletedSuccessfully)
            {
                var connection = attempt.Result;
                connection.Close("the local node is shutting down");
                closing.Add(connection.Closed);
            }
        }

        await Task.WhenAll(closing).ConfigureAwait(false);
        _disposed.Dispose();
    }

    internal ErlPid MakePid()
    {
        // Ids from 1 up with serial 0; V4_NC lets the whole 32 bits of the id be used.
        var next = (ulong)Interlocked.Increment(ref _nextPid);
        return new ErlPid(Name, (uint)next, (uint)(next >> 32), Creation);
    }

    internal ErlRef MakeRef()
    {
        // Three words: a 64-bit counter and a per-node random word, so refs never repeat.
        var next = (ulong)Interlocked.Increment(ref _nextRef);
        return new ErlRef(Name, Creation, ImmutableArray.Create((uint)next & 0x3FFFF, (uint)(next >> 18), _refSalt));
    }

    internal Mailbox? FindMailbox(ErlPid pid) => _mailboxes.GetValueOrDefault(pid);

    internal Mailbox? FindRegistered(ErlAtom name) => _registered.GetValueOrDefault(name);

    internal void Forget(Mailbox mailbox)
    {
        _mailboxes.TryRemove(mailbox.Self, out _);
        if (mailbox.RegisteredName is { } name)
        {
            _registered.TryRemove(new KeyValuePair<ErlAtom, Mailbox>(name, mailbox));
        }
    }

    internal async ValueTask ConnectionClosedAsync(NodeConnection connection)
    {
        foreach (var mailbox in _mailboxes.Values)
        {
            await mailbox.ConnectionLostAsync(connection).ConfigureAwait(false);
        }
    }

    // Runs detached from any one caller's token: several callers may share the attempt.
    private async Task<NodeConnection> OpenAsync(NodeName remote, string? epmdHost)
    {
        await Task.Yield();
        try
        {
            var connection = await HandshakeAsync(remote, epmdHost, _disposed.Token).ConfigureAwait(false);
            connection.Start();
            TransportLog.Connected(_logger, remote.FullName, Name.Name, connection.NegotiatedFlags, connection.RemoteCreation, connection.IsTls);
            return connection;
        }
        catch (DistributionConnectException e)
        {
            TransportLog.ConnectFailed(_logger, remote.FullName, e.Failure, e.Message);
            throw;
        }
        catch (OperationCanceledException e) when (_disposed.IsCancellationRequested)
        {
            throw new ObjectDisposedException("The node was disposed while connecting.", e);
        }
    }

    private async Task<NodeConnection> HandshakeAsync(NodeName remote, string? epmdHost, CancellationToken cancellationToken)
    {
        var address = await HostAddress.ResolveAsync(epmdHost ?? remote.Host, cancellationToken).ConfigureAwait(false);
        var entry = await EpmdClient.LookupAsync(address, Options.EpmdPort, remote.Alive, Options.HandshakeTimeout, cancellationToken).ConfigureAwait(false);

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await ConnectSocketAsync(socket, new IPEndPoint(address, entry.Port), remote, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (Options.Tls is { } tls)
            {
                stream = await TlsConnector.AuthenticateAsync(stream, tls, remote.Host, Options.HandshakeTimeout, cancellationToken).ConfigureAwait(false);
            }

            var handshake = new OutgoingHandshake(Name.Name, Options.Cookie, Creation, remote.FullName, Options.HandshakeTimeout, overTls: Options.Tls is not null);
            var result = await handshake.RunAsync(stream, cancellationToken).ConfigureAwait(false);
            return new NodeConnection(this, stream, result, Options.Tls is not null, _logger);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    private async Task ConnectSocketAsync(Socket socket, IPEndPoint endpoint, NodeName remote, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.HandshakeTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new DistributionConnectException(ConnectFailure.Unreachable, $"Node '{remote}' at {endpoint} is unreachable ({e.SocketErrorCode}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DistributionConnectException(ConnectFailure.HandshakeTimeout, $"Node '{remote}' at {endpoint} did not accept a connection within {Options.HandshakeTimeout.TotalSeconds:0.#} s.", e);
        }
    }

    private static uint NewCreation()
    {
        // Zero is reserved and 1..3 belong to the old 2-bit creations.
        uint creation;
        do
        {
            creation = RandomWord();
        }
        while (creation < 4);
        return creation;
    }

    private static uint RandomWord() => BinaryPrimitives.ReadUInt32BigEndian(RandomNumberGenerator.GetBytes(4));
}
