using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Subscriptions.Selection;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Where a new subscription starts: per stream, the last event it counts as handled. ExESDB has
/// no global position, so "the end" is the current version of every selected stream.
/// </summary>
internal sealed class InitialCheckpoint(IStoreReader reader)
{
    public async Task<IReadOnlyDictionary<string, long>> ResolveAsync(SubscriptionDefinition definition, StartFrom? startFrom, CancellationToken cancellationToken)
    {
        var checkpoint = new Dictionary<string, long>(StringComparer.Ordinal);
        switch (startFrom?.Kind ?? StartFromKind.Beginning)
        {
            case StartFromKind.After:
                foreach (var (stream, number) in startFrom!.After ?? new Dictionary<string, long>())
                {
                    // -1 is "before the first event": the same as no entry.
                    if (number >= 0)
                    {
                        checkpoint[stream] = number;
                    }
                }

                break;
            case StartFromKind.End:
                var single = EventSelectors.Create(definition.Type, definition.Selector).SingleStream;
                var streams = single is null ? await reader.GetStreamsAsync(definition.Store, cancellationToken).ConfigureAwait(false) : [single];
                foreach (var stream in streams)
                {
                    var version = await reader.GetVersionAsync(definition.Store, stream, cancellationToken).ConfigureAwait(false);
                    if (version >= 0)
                    {
                        checkpoint[stream] = version;
                    }
                }

                break;
        }

        return checkpoint;
    }
}
