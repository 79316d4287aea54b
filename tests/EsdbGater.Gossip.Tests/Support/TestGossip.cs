using System.Net;
using EsdbGater.Discovery.Gossip;
using EsdbGater.Discovery.Gossip.Configuration;
using EsdbGater.Discovery.Gossip.Resolution;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EsdbGater.Gossip.Tests.Support;

/// <summary>Discovery instances for tests: loopback only, free ports, a fake resolver.</summary>
internal static class TestGossip
{
    /// <summary>How long a test waits for something that should happen within milliseconds.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A free port on 127.0.0.1, and any group membership pinned to 127.0.0.1 too: tests must never
    /// join a group on (and so announce membership to) a real network interface.
    /// </summary>
    public static GossipOptions LoopbackOptions { get; } = GossipOptions.Default with
    {
        Port = 0,
        Interface = IPAddress.Loopback,
        MulticastInterface = IPAddress.Loopback,
    };

    /// <summary>Every host resolves, except those named <c>*.unresolvable</c>.</summary>
    public static Task<bool> FakeResolver(string host, CancellationToken cancellationToken) =>
        Task.FromResult(!host.EndsWith(".unresolvable", StringComparison.Ordinal));

    public static GossipDiscovery Create(
        GossipOptions? options = null,
        string? secret = null,
        TimeProvider? time = null,
        ILoggerFactory? logs = null,
        HostResolver? resolver = null) =>
        new(options ?? LoopbackOptions, secret, logs ?? NullLoggerFactory.Instance, time ?? TimeProvider.System, resolver ?? FakeResolver);

    /// <summary>Feeds one datagram as if it arrived from <paramref name="source"/> (default 127.0.0.1).</summary>
    public static void Feed(this GossipDiscovery discovery, byte[] datagram, IPAddress? source = null) =>
        discovery.Receive(datagram, source ?? IPAddress.Loopback);

    /// <summary>Waits, through <see cref="INodeDiscovery.WatchAsync"/>, for a snapshot that satisfies <paramref name="condition"/>.</summary>
    public static async Task<DiscoverySnapshot> WaitForAsync(this INodeDiscovery discovery, Func<DiscoverySnapshot, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        DiscoverySnapshot? last = null;
        await foreach (var snapshot in discovery.WatchAsync(deadline.Token))
        {
            last = snapshot;
            if (condition(snapshot))
            {
                return snapshot;
            }
        }

        throw new Xunit.Sdk.XunitException(
            $"Timed out after {Deadline} waiting for {what}; last snapshot v{last?.Version}: [{string.Join(", ", last?.Nodes.Select(n => n.NodeName) ?? [])}]");
    }

    public static Task<DiscoverySnapshot> WaitForNodeAsync(this INodeDiscovery discovery, string nodeName) =>
        discovery.WaitForAsync(s => s.Nodes.Any(n => n.NodeName == nodeName), nodeName + " to be discovered");

    /// <summary>Polls (for counters, which have no event) until <paramref name="condition"/> holds.</summary>
    public static async Task PollUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {Deadline} waiting for {what}");
            }

            await Task.Delay(20);
        }
    }
}
