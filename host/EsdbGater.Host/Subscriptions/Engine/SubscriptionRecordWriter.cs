using EsdbGater.Host.Subscriptions.Model;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// Writes a persistent subscription's record (definition, checkpoint, status) for its runner.
/// A failed write is never a delivery failure: the checkpoint only lags, and at least once
/// still holds, so failures are logged and left to the next write.
/// </summary>
internal sealed class SubscriptionRecordWriter(SubscriptionDefinition definition, DateTimeOffset createdAt, RunnerDependencies dependencies)
{
    /// <summary>
    /// Overwrites the record; true when stored, false when the record is gone (removed, or lost
    /// with the store), null when the write failed and should simply be tried again later.
    /// </summary>
    public async Task<bool?> TryUpdateAsync(RunnerSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            return await dependencies.Checkpoints.UpdateAsync(Record(snapshot), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            dependencies.Logger.LogWarning("Subscription {Subscription}: writing its checkpoint failed ({Problem}); trying again", definition.Key, e.Message);
            return null;
        }
    }

    /// <summary>The hand-over write: a failure only means events after the stored checkpoint go out again.</summary>
    public async Task WriteFinalAsync(RunnerSnapshot snapshot)
    {
        try
        {
            await dependencies.Checkpoints.UpdateAsync(Record(snapshot), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            dependencies.Logger.LogWarning("Subscription {Subscription}: writing its final checkpoint failed ({Problem}); events after the last one will be delivered again",
                definition.Key, e.Message);
        }
    }

    /// <summary>
    /// Stores the data-loss state, so that no replica resumes the subscription and every replica
    /// reports it; written anew when the lost store took the record with it.
    /// </summary>
    public async Task WriteDataLossAsync(RunnerSnapshot snapshot)
    {
        try
        {
            if (!await dependencies.Checkpoints.UpdateAsync(Record(snapshot), CancellationToken.None).ConfigureAwait(false))
            {
                await dependencies.Checkpoints.CreateAsync(Record(snapshot), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            dependencies.Logger.LogWarning(e, "Subscription {Subscription}: could not store its data-loss state", definition.Key);
        }
    }

    private SubscriptionRecord Record(RunnerSnapshot snapshot) => new(definition, snapshot.Checkpoint, snapshot.Status, createdAt);
}
