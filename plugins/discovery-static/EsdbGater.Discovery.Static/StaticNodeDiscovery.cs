using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace EsdbGater.Discovery.Static;

/// <summary>
/// The node list from <see cref="GaterConfigurationKeys.StaticNodes"/>. At creation an invalid
/// or empty list is a configuration error; after a reload an invalid list is logged and the
/// previous list kept, so a typo in a live edit never disconnects the gateway.
/// </summary>
internal sealed partial class StaticNodeDiscovery : INodeDiscovery
{
    private readonly IConfiguration _configuration;
    private readonly ILogger _logger;
    private readonly DiscoverySnapshotPublisher _publisher = new();
    private IDisposable? _reloadRegistration;

    public StaticNodeDiscovery(PluginContext context)
    {
        _configuration = context.Configuration;
        _logger = context.LoggerFactory.CreateLogger("Discovery");
        var nodes = ReadNodes(out var problems);
        if (problems.Count > 0)
        {
            throw new PluginConfigurationException($"{GaterConfigurationKeys.StaticNodes} (EX_ESDB_GATER_CONNECT_TO): {string.Join("; ", problems)}");
        }

        if (nodes.Count == 0)
        {
            throw new PluginConfigurationException(
                $"{GaterConfigurationKeys.StaticNodes} is empty: list the ExESDB nodes (EX_ESDB_GATER_CONNECT_TO=node1@host1,node2@host2) or choose another {GaterConfigurationKeys.DiscoveryPlugin}.");
        }

        _publisher.TryPublish(nodes);
    }

    public DiscoverySnapshot Current => _publisher.Current;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNodes(Current.Version, string.Join(", ", Current.Nodes.Select(n => n.NodeName)));
        _reloadRegistration ??= ChangeToken.OnChange(_configuration.GetReloadToken, Reload);
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<DiscoverySnapshot> WatchAsync(CancellationToken cancellationToken) => _publisher.WatchAsync(cancellationToken);

    /// <summary>A static list has nothing to learn from connection results.</summary>
    public void ReportConnectionState(string nodeName, NodeConnectionState state)
    {
    }

    public ValueTask DisposeAsync()
    {
        _reloadRegistration?.Dispose();
        _publisher.Complete();
        return ValueTask.CompletedTask;
    }

    private void Reload()
    {
        var nodes = ReadNodes(out var problems);
        if (problems.Count > 0)
        {
            LogInvalidReload(string.Join("; ", problems));
            return;
        }

        if (_publisher.TryPublish(nodes))
        {
            if (nodes.Count == 0)
            {
                LogEmptied();
            }

            LogNodes(Current.Version, string.Join(", ", nodes.Select(n => n.NodeName)));
        }
    }

    private List<DiscoveredNode> ReadNodes(out List<string> problems)
    {
        problems = [];
        var nodes = new List<DiscoveredNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in _configuration.GetSection(GaterConfigurationKeys.StaticNodes).GetChildren())
        {
            var name = child.Value?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            if (NodeNameRule.Check(name) is { } problem)
            {
                problems.Add($"'{name}' is not a node name: {problem}");
            }
            else if (seen.Add(name))
            {
                nodes.Add(new DiscoveredNode(name));
            }
        }

        nodes.Sort((a, b) => string.CompareOrdinal(a.NodeName, b.NodeName));
        return nodes;
    }

    [LoggerMessage(1, LogLevel.Information, "Static node list (version {Version}): {Nodes}")]
    private partial void LogNodes(long version, string nodes);

    [LoggerMessage(2, LogLevel.Error, "Reloaded static node list is invalid, keeping the previous one: {Problems}")]
    private partial void LogInvalidReload(string problems);

    [LoggerMessage(3, LogLevel.Warning, "Static node list is now empty: the gateway disconnects from every node")]
    private partial void LogEmptied();
}
