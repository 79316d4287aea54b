namespace EsdbGater.Contracts;

/// <summary>
/// Request: the gateway's view of the cluster (the <c>Node.list()</c> of the gateway). Response:
/// <see cref="ClusterStatus"/>. Served without touching any node, so it also answers when the
/// cluster is down; with several gateway replicas, whichever replica takes the request answers.
/// </summary>
public sealed record GetClusterStatus;
