using EsdbGater.Host.Cluster;

namespace EsdbGater.Host.Tests.Fakes;

internal static class ClusterViewExtensions
{
    /// <summary>Awaits a snapshot that satisfies <paramref name="condition"/>; fails after <paramref name="within"/>.</summary>
    public static async Task<ClusterSnapshot> WaitUntilAsync(this IClusterView view, Func<ClusterSnapshot, bool> condition, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var snapshot in view.WatchAsync(timeout.Token))
            {
                if (condition(snapshot))
                {
                    return snapshot;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException("The cluster view never reached the expected state; last: " + string.Join(", ", view.Current.Nodes.Values.Select(n => $"{n.NodeName}={n.State}")));
    }

    /// <summary>Polls a condition on something other than the view, with a deadline.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(what);
            }

            await Task.Delay(10);
        }
    }
}
