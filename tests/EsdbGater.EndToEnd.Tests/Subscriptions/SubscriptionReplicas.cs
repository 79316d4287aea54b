using System.Globalization;
using System.Runtime.InteropServices;
using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;
using EsdbGater.TestKit.Gateway;
using MassTransit;

namespace EsdbGater.EndToEnd.Tests.Subscriptions;

/// <summary>
/// Gateway replicas of their own (their own queue prefix, sharing the fixture's broker and
/// cluster), so a test can kill them without touching the fixture's gateway. Requests go to
/// their queues by address, never published: a published request would also reach the
/// fixture's gateway.
/// </summary>
internal sealed class SubscriptionReplicas(EndToEndFixture fixture) : IAsyncDisposable
{
    private readonly List<GatewayProcess> _started = [];

    public string Prefix { get; } = "e2e-sub-" + Guid.NewGuid().ToString("N")[..8];

    public async Task<GatewayProcess> StartAsync()
    {
        var replica = await GatewayProcess.StartAsync(Environment(), TimeSpan.FromSeconds(90));
        _started.Add(replica);
        return replica;
    }

    /// <summary>SIGKILL: the replica dies without stopping anything (no final checkpoint, no goodbye to the broker).</summary>
    public async Task KillAsync(GatewayProcess replica)
    {
        _started.Remove(replica);
        if (Kill(replica.ProcessId, 9) != 0)
        {
            throw new InvalidOperationException($"kill({replica.ProcessId}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        await replica.DisposeAsync();
    }

    public IRequestClient<T> Client<T>(string queue)
        where T : class =>
        fixture.Bus.CreateRequestClient<T>(new Uri($"queue:{Prefix}.{queue}"), RequestTimeout.After(s: 20));

    public async Task<SubscriptionInfo?> InfoAsync(string name)
    {
        var listed = await Client<GetSubscriptions>("get-subscriptions").GetResponse<SubscriptionsListed, GatewayError>(new GetSubscriptions(EndToEndFixture.Store));
        return Assert.IsType<SubscriptionsListed>(listed.Message).Subscriptions.SingleOrDefault(s => s.Name == name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _started)
        {
            await replica.DisposeAsync();
        }
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["RABBITMQ_URL"] = fixture.Broker.AmqpUri.ToString(),
        ["EX_ESDB_COOKIE"] = fixture.Cluster.Cookie,
        ["EX_ESDB_GATER_CONNECT_TO"] = string.Join(',', fixture.Cluster.NodeNames),
        ["ERL_EPMD_PORT"] = fixture.Cluster.EpmdPort.ToString(CultureInfo.InvariantCulture),
        ["Gateway__Stores__0"] = EndToEndFixture.Store,
        ["Gateway__Bus__EndpointPrefix"] = Prefix,
        ["Subscriptions__CheckpointInterval"] = "00:00:00.200",
        ["Subscriptions__LeaseTickInterval"] = "00:00:00.250",
        ["Subscriptions__LeaseTimeout"] = "00:00:01.500",
        ["Subscriptions__RegistryRefreshInterval"] = "00:00:00.500",
        ["Subscriptions__RetryMaxDelay"] = "00:00:01",
        ["LOG_LEVEL"] = "info",
    };

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
