using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Operations;

/// <summary>
/// Records and deletes snapshots. ExESDB takes both as casts to per-key writers and never
/// answers, so the gateway sends them to the key's owner node (one writer per key, as for
/// streams) and then reads the key back on that node until the change shows.
/// </summary>
internal sealed class SnapshotWriter(WorkerPool pool, IOptions<PoolOptions> options, TimeProvider time)
{
    public async Task<object> RecordAsync(RecordSnapshot request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var snapshot = request.Snapshot.Created is null ? request.Snapshot with { Created = time.GetUtcNow() } : request.Snapshot;
        using var owner = await pool.AcquireOwnerAsync(request.Store, AffinityKey(snapshot.Key), cancellationToken).ConfigureAwait(false);
        await owner.Node.RecordSnapshotAsync(owner.Worker, snapshot, cancellationToken).ConfigureAwait(false);
        var confirmed = await ConfirmAsync(owner, snapshot.Key, stored => stored is not null && IsSame(stored, snapshot), budget, cancellationToken).ConfigureAwait(false);
        return confirmed
            ? new SnapshotRecorded(request.Store, snapshot.Key)
            : Unconfirmed("recorded", snapshot.Key);
    }

    public async Task<object> DeleteAsync(DeleteSnapshot request, RequestBudget budget, CancellationToken cancellationToken)
    {
        using var owner = await pool.AcquireOwnerAsync(request.Store, AffinityKey(request.Key), cancellationToken).ConfigureAwait(false);
        await owner.Node.DeleteSnapshotAsync(owner.Worker, request.Key, cancellationToken).ConfigureAwait(false);
        var confirmed = await ConfirmAsync(owner, request.Key, stored => stored is null, budget, cancellationToken).ConfigureAwait(false);
        return confirmed
            ? new SnapshotDeleted(request.Store, request.Key)
            : Unconfirmed("deleted", request.Key);
    }

    private Task<bool> ConfirmAsync(WorkerLease owner, SnapshotKey key, Func<Snapshot?, bool> done, RequestBudget budget, CancellationToken cancellationToken)
    {
        var timeout = budget.NextCall(options.Value.CastConfirmTimeout);
        return CastConfirmation.WaitAsync(
            async (left, ct) => done(await owner.Node.ReadSnapshotAsync(owner.Worker, key, left < options.Value.ReadTimeout ? left : options.Value.ReadTimeout, ct).ConfigureAwait(false)),
            timeout,
            time,
            cancellationToken);
    }

    private static bool IsSame(Snapshot stored, Snapshot sent) =>
        stored.SnapshotType == sent.SnapshotType && JsonElement.DeepEquals(stored.Data, sent.Data);

    private static string AffinityKey(SnapshotKey key) => $"snapshot\0{key.SourceUuid}\0{key.StreamUuid}";

    private static GatewayError Unconfirmed(string change, SnapshotKey key) =>
        new(GatewayErrorCode.Timeout, $"The snapshot {key.SourceUuid}/{key.StreamUuid}/{key.Version} was sent to be {change}, but the change did not show within the confirmation time; read it to find out.");
}
