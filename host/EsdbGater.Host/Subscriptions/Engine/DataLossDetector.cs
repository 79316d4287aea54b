using EsdbGater.Host.Subscriptions.Model;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// Compares stream versions with what a subscription already examined: a version below it means
/// the node lost events, and delivering on would silently skip or repeat them.
/// </summary>
internal sealed class DataLossDetector(SubscriptionDefinition definition, StreamCursors cursors, RunnerDependencies dependencies)
{
    private string Store => definition.Store;

    /// <summary>
    /// The stream's version, read from the store, if it is not below what was already examined;
    /// otherwise reads it again after a moment (a lagging member may answer low) and throws
    /// <see cref="DataLossException"/> if it still is.
    /// </summary>
    public async Task<long> ReadVersionAsync(string stream, StreamCursor cursor, CancellationToken cancellationToken)
    {
        var version = await dependencies.Reader.GetVersionAsync(Store, stream, cancellationToken).ConfigureAwait(false);
        if (version < cursor.HighWater)
        {
            dependencies.Logger.LogWarning(
                "Subscription {Subscription}: stream {Stream} reports version {Version}, below event {HighWater} already delivered; checking again",
                definition.Key, stream, version, cursor.HighWater);
            await Task.Delay(dependencies.Options.DataLossConfirmDelay, dependencies.Time, cancellationToken).ConfigureAwait(false);
            version = await dependencies.Reader.GetVersionAsync(Store, stream, cancellationToken).ConfigureAwait(false);
            if (version < cursor.HighWater)
            {
                throw new DataLossException(Store, stream, version, cursor.HighWater);
            }
        }

        cursor.SawVersion(version);
        cursor.LastVerified = dependencies.Time.GetUtcNow();
        return version;
    }

    /// <summary>Compares every stream already delivered from with its version; throws <see cref="DataLossException"/> when one went back.</summary>
    public async Task VerifyStreamsAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in cursors.Streams.ToArray())
        {
            var cursor = cursors.Get(stream);
            if (cursor.HighWater >= 0)
            {
                await ReadVersionAsync(stream, cursor, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
