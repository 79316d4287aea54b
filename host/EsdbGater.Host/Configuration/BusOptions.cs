namespace EsdbGater.Host.Configuration;

/// <summary>How the gateway's receive endpoints consume (section <c>Gateway:Bus</c>).</summary>
internal sealed class BusOptions
{
    public const string Section = "Gateway:Bus";

    /// <summary>Prefix of every queue name, e.g. <c>esdb-gater.append-events</c>. All replicas of one gateway must agree on it.</summary>
    public string EndpointPrefix { get; set; } = "esdb-gater";

    /// <summary>Messages RabbitMQ hands each endpoint ahead of time.</summary>
    public int PrefetchCount { get; set; } = 64;

    /// <summary>Requests one endpoint serves at once (per replica). Appends to one stream are serialised regardless.</summary>
    public int ConcurrentMessageLimit { get; set; } = 32;
}
