using System.Diagnostics;

namespace EsdbGater.Host.Observability;

/// <summary>
/// The names of the gateway's own telemetry: its meter and activity source (both
/// <see cref="Name"/>), and the attribute keys its metrics and spans carry. Names follow the
/// OpenTelemetry conventions: a <c>esdbgater.</c> namespace, dots between levels, <c>error.type</c>
/// for what went wrong.
/// </summary>
internal static class GatewayTelemetry
{
    /// <summary>The meter and activity source name, to add to an OpenTelemetry provider.</summary>
    public const string Name = "EsdbGater";

    /// <summary>MassTransit's meter and activity source; its consume span is the parent of the gateway's request span.</summary>
    public const string MassTransit = "MassTransit";

    /// <summary>The operation: the queue name after the prefix, e.g. <c>append-events</c>.</summary>
    public const string OperationTag = "esdbgater.operation";

    /// <summary>How a request ended: <c>ok</c>, <c>wrong_expected_version</c>, an error code in snake case, ... (<see cref="RequestOutcome"/>).</summary>
    public const string OutcomeTag = "esdbgater.outcome";

    public const string StoreTag = "esdbgater.store";

    /// <summary>The ExESDB node a request was sent to (the last one, when it was retried).</summary>
    public const string NodeTag = "esdbgater.node";

    /// <summary>A node's link state: <c>connecting</c>, <c>connected</c>, <c>disconnected</c>.</summary>
    public const string NodeStateTag = "esdbgater.node.state";

    /// <summary>The kind of node call that was retried: <c>read</c> or <c>append</c>.</summary>
    public const string CallTag = "esdbgater.call";

    /// <summary>Why a node call was retried: the transport failure in snake case, or <c>not_written</c>.</summary>
    public const string RetryReasonTag = "esdbgater.retry.reason";

    public const string SubscriptionTag = "esdbgater.subscription";

    /// <summary>The OpenTelemetry attribute for the class of error.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The source of the per-request spans; they start only while a listener (the OTLP tracer) samples them.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>
    /// Records on the current request span (when there is one, and it is the gateway's) the node
    /// that was chosen for a call. Costs one field read when tracing is off.
    /// </summary>
    public static void NodeChosen(string nodeName)
    {
        if (Activity.Current is { IsAllDataRequested: true } activity && ReferenceEquals(activity.Source, Source))
        {
            activity.SetTag(NodeTag, nodeName);
        }
    }
}
