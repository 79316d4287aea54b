using EsdbGater.Contracts;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Checkpoints;

/// <summary>
/// Persistent subscriptions stored in ExESDB itself, one snapshot per subscription at a fixed
/// key (source <c>esdbgater-subscriptions.&lt;gateway prefix&gt;</c>, stream = the
/// subscription's name, version 0).
/// </summary>
/// <remarks>
/// <para>
/// ExESDB's <c>record_snapshot</c> is a Khepri <c>put</c>: writing the key again replaces the
/// value, so the store's memory stays constant however often the checkpoint moves. A stream
/// per checkpoint write would not: every ExESDB stream costs a writer process and an atom for
/// ever. Each subscription name costs ExESDB one snapshot reader and writer (and their atoms)
/// for ever, which is why transient subscriptions are never stored.
/// </para>
/// <para>
/// The source names the gateway (its queue prefix, <c>Gateway:Bus:EndpointPrefix</c>, which all
/// its replicas share): ownership is decided among the replicas of one gateway, so two gateways
/// on the same store must not see, and both deliver, each other's subscriptions.
/// </para>
/// <para>
/// All writes of one subscription go to the same node (one ExESDB writer per key, as for
/// streams). ExESDB never confirms a cast, so creation and deletion are read back; routine
/// checkpoint writes are not (a lost one means events after the previous checkpoint are sent
/// again, which at-least-once allows), but each first checks that the record still exists, so
/// that an owner never brings a removed subscription back.
/// </para>
/// </remarks>
internal sealed class SnapshotCheckpointStore(
    string gateway,
    WorkerPool pool,
    ReadExecutor reads,
    IOptions<PoolOptions> poolOptions,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger logger) : ICheckpointStore
{
    /// <summary>What the snapshot source starts with; the gateway's queue prefix follows.</summary>
    public const string SourcePrefix = "esdbgater-subscriptions.";

    /// <summary>The snapshot source under which this gateway keeps its subscriptions.</summary>
    public string Source { get; } = SourceOf(gateway);

    public static string SourceOf(string gateway) => SourcePrefix + gateway;

    public async Task<SubscriptionRecord?> LoadAsync(SubscriptionKey key, CancellationToken cancellationToken)
    {
        var snapshot = await reads.ExecuteAsync(
            key.Store,
            RequestBudget.Unbounded(time),
            (node, worker, timeout, token) => node.ReadSnapshotAsync(worker, SnapshotKeyOf(key), timeout, token),
            cancellationToken).ConfigureAwait(false);
        return snapshot is null ? null : Parse(key.Store, snapshot);
    }

    public async Task<IReadOnlyList<SubscriptionRecord>> ListAsync(string store, CancellationToken cancellationToken)
    {
        var snapshots = await reads.ExecuteAsync(
            store,
            RequestBudget.Unbounded(time),
            (node, worker, timeout, token) => node.ListSnapshotsAsync(worker, Source, null, timeout, token),
            cancellationToken).ConfigureAwait(false);
        return snapshots.Select(s => Parse(store, s)).OfType<SubscriptionRecord>().ToList();
    }

    public async Task CreateAsync(SubscriptionRecord record, CancellationToken cancellationToken)
    {
        using var owner = await OwnerAsync(record.Definition.Key, cancellationToken).ConfigureAwait(false);
        var snapshot = ToSnapshot(record);
        await owner.Node.RecordSnapshotAsync(owner.Worker, snapshot, cancellationToken).ConfigureAwait(false);
        var confirmed = await ConfirmAsync(owner, record.Definition.Key, stored => stored?.Definition == record.Definition, cancellationToken).ConfigureAwait(false);
        if (!confirmed)
        {
            throw new TimeoutException($"subscription {record.Definition.Key} not readable within {options.Value.StoreConfirmTimeout}");
        }
    }

    public async Task<bool> UpdateAsync(SubscriptionRecord record, CancellationToken cancellationToken)
    {
        var key = record.Definition.Key;
        using var owner = await OwnerAsync(key, cancellationToken).ConfigureAwait(false);
        if (await ReadOnAsync(owner, key, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await owner.Node.RecordSnapshotAsync(owner.Worker, ToSnapshot(record), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAsync(SubscriptionKey key, CancellationToken cancellationToken)
    {
        using var owner = await OwnerAsync(key, cancellationToken).ConfigureAwait(false);
        if (await ReadOnAsync(owner, key, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await owner.Node.DeleteSnapshotAsync(owner.Worker, SnapshotKeyOf(key), cancellationToken).ConfigureAwait(false);
        if (!await ConfirmAsync(owner, key, stored => stored is null, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"subscription {key} still stored after {options.Value.StoreConfirmTimeout}");
        }

        return true;
    }

    private SnapshotKey SnapshotKeyOf(SubscriptionKey key) => new(Source, key.Name, 0);

    private Task<WorkerLease> OwnerAsync(SubscriptionKey key, CancellationToken cancellationToken) =>
        pool.AcquireOwnerAsync(key.Store, $"subscription\0{key.Name}", cancellationToken);

    private async Task<SubscriptionRecord?> ReadOnAsync(WorkerLease owner, SubscriptionKey key, CancellationToken cancellationToken)
    {
        var snapshot = await owner.Node.ReadSnapshotAsync(owner.Worker, SnapshotKeyOf(key), poolOptions.Value.ReadTimeout, cancellationToken).ConfigureAwait(false);
        return snapshot is null ? null : Parse(key.Store, snapshot);
    }

    private Task<bool> ConfirmAsync(WorkerLease owner, SubscriptionKey key, Func<SubscriptionRecord?, bool> done, CancellationToken cancellationToken) =>
        CastConfirmation.WaitAsync(
            async (_, token) => done(await ReadOnAsync(owner, key, token).ConfigureAwait(false)),
            options.Value.StoreConfirmTimeout,
            time,
            cancellationToken);

    private Snapshot ToSnapshot(SubscriptionRecord record) =>
        new(SnapshotKeyOf(record.Definition.Key), SubscriptionRecordJson.SnapshotType, SubscriptionRecordJson.Write(record), null, time.GetUtcNow());

    private SubscriptionRecord? Parse(string store, Snapshot snapshot)
    {
        var record = snapshot.SnapshotType == SubscriptionRecordJson.SnapshotType ? SubscriptionRecordJson.Read(snapshot.Data) : null;
        if (record is null || record.Definition.Store != store || record.Definition.Name != snapshot.Key.StreamUuid)
        {
            logger.LogWarning("Ignoring snapshot {Source}/{Name} of store {Store}: not a subscription record this gateway wrote",
                snapshot.Key.SourceUuid, snapshot.Key.StreamUuid, store);
            return null;
        }

        return record;
    }
}
