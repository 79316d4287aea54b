using EsdbGater.Contracts;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Subscriptions;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Feed;
using EsdbGater.Host.Subscriptions.Management;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Tests.Subscriptions.Fakes;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Subscriptions;

/// <summary>
/// The subscription engine wired to fakes of its own seams (store, feed, broker, checkpoint
/// store, ownership), with short intervals so that polling and retries happen in milliseconds.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public const string StoreName = "reg_gh";

    private readonly List<IAsyncDisposable> _owned = [];

    public EngineHarness()
    {
        Store = new FakeStore(StoreName, Feed);
    }

    public FakeFeed Feed { get; } = new();

    public FakeStore Store { get; }

    public FakeDelivery Delivery { get; } = new();

    public FakeCheckpointStore Checkpoints { get; } = new();

    public FakeOwnershipBroker Broker { get; } = new();

    public RecordingLogger<SubscriptionRunner> Log { get; } = new();

    public RecordingLogger<SubscriptionManager> ManagerLog { get; } = new();

    public SubscriptionOptions Options { get; } = new()
    {
        PollMinInterval = TimeSpan.FromMilliseconds(5),
        PollMaxInterval = TimeSpan.FromMilliseconds(40),
        SafetySweepInterval = TimeSpan.FromMilliseconds(300),
        CheckpointInterval = TimeSpan.FromMilliseconds(20),
        RetryMinDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        DataLossConfirmDelay = TimeSpan.FromMilliseconds(20),
        RepairInterval = TimeSpan.FromMilliseconds(200),
        SendTimeout = TimeSpan.FromSeconds(5),

        // Together, how long an owner stopped for a removal waits before it may deliver again.
        StoreConfirmTimeout = TimeSpan.FromMilliseconds(500),
        RemoveOwnerTimeout = TimeSpan.FromMilliseconds(500),
        DefaultMaxInFlight = 64,
        LiveBufferSize = 1024,
        ReadPageSize = 25,
    };

    public static SubscriptionDefinition Definition(
        string name = "projection",
        SubscriptionType type = SubscriptionType.ByStream,
        string selector = "$orders-1",
        SubscriptionLifetime lifetime = SubscriptionLifetime.Persistent,
        CheckpointMode mode = CheckpointMode.BrokerConfirmed,
        int maxInFlight = 64,
        string destination = "projection-queue") =>
        new(StoreName, name, type, selector, destination, lifetime, mode, maxInFlight);

    public RunnerDependencies Dependencies(string replica = "replica-a")
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var monitor = new LiveFeedMonitor(Feed, options, TimeProvider.System, new RecordingLogger<LiveFeedMonitor>());
        return new RunnerDependencies(Store, Feed, monitor, Delivery, Checkpoints, Options, TimeProvider.System, Log, replica);
    }

    /// <summary>A started runner; a persistent one gets its stored record first (as the manager would).</summary>
    public async Task<SubscriptionRunner> StartRunnerAsync(SubscriptionDefinition definition, IReadOnlyDictionary<string, long>? checkpoint = null, bool resumed = false)
    {
        checkpoint ??= new Dictionary<string, long>();
        if (definition.IsPersistent && Checkpoints[definition.Key] is null)
        {
            await Checkpoints.CreateAsync(new SubscriptionRecord(definition, checkpoint, RuntimeStatus.Unowned(DateTimeOffset.UtcNow), DateTimeOffset.UtcNow), default);
        }

        var runner = new RunnerFactory(Dependencies()).Create(definition, checkpoint, resumed, DateTimeOffset.UtcNow);
        _owned.Add(runner);
        runner.Start();
        return runner;
    }

    public SubscriptionManager Manager(string replica = "replica-a")
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var validator = new SubscriptionRequestValidator(
            Microsoft.Extensions.Options.Options.Create(new RequestLimitsOptions()),
            options,
            Microsoft.Extensions.Options.Options.Create(new BusOptions()),
            new AnyStore());
        var manager = new SubscriptionManager(
            new RunnerFactory(Dependencies(replica)),
            new FakeOwnership(Broker, replica),
            Checkpoints,
            Store,
            validator,
            options,
            TimeProvider.System,
            ManagerLog);
        _owned.Add(manager);
        return manager;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    private sealed class AnyStore : IKnownStores
    {
        public bool IsKnown(string store) => store == StoreName;

        public IReadOnlyList<string> All => [StoreName];
    }
}
