using System.Diagnostics.Metrics;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Observability;

/// <summary>
/// The gateway's counters and histogram on the <see cref="GatewayTelemetry.Name"/> meter (the
/// observable ones are in <see cref="GatewayGauges"/>). Recording costs a few adds when nobody
/// listens and allocates nothing: every attribute value is a constant or a name that already exists.
/// </summary>
internal sealed class GatewayMetrics
{
    /// <summary>Counter of answered requests, by <see cref="GatewayTelemetry.OperationTag"/> and <see cref="GatewayTelemetry.OutcomeTag"/>.</summary>
    public const string Requests = "esdbgater.requests";

    /// <summary>Histogram of the time from consuming a request to sending its answer, in seconds, by operation.</summary>
    public const string RequestDuration = "esdbgater.request.duration";

    /// <summary>Counter of node calls made again (on another node or worker), by <see cref="GatewayTelemetry.CallTag"/> and <see cref="GatewayTelemetry.RetryReasonTag"/>.</summary>
    public const string NodeCallRetries = "esdbgater.node.call.retries";

    /// <summary>Counter of append calls that ended without an answer and had to be settled by reading back, by <see cref="GatewayTelemetry.ErrorTypeTag"/>.</summary>
    public const string AppendUnknownOutcomes = "esdbgater.append.unknown_outcomes";

    /// <summary>Counter of subscription events the broker confirmed, by store and subscription.</summary>
    public const string SubscriptionDeliveredEvents = "esdbgater.subscription.delivered_events";

    /// <summary><see cref="GatewayTelemetry.CallTag"/> of reads.</summary>
    public const string ReadCall = "read";

    /// <summary><see cref="GatewayTelemetry.CallTag"/> of appends.</summary>
    public const string AppendCall = "append";

    /// <summary>Retry reason of an append found not written after an unknown outcome.</summary>
    public const string NotWritten = "not_written";

    // Requests take from a millisecond (cached reads) to the client's timeout (tens of seconds).
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _unknownOutcomes;
    private readonly Counter<long> _deliveredEvents;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(GatewayTelemetry.Name);
        _requests = meter.CreateCounter<long>(Requests, "{request}", "Requests the gateway answered, by operation and outcome.");
        _duration = meter.CreateHistogram(
            RequestDuration,
            "s",
            "Time from consuming a request to sending its answer.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _retries = meter.CreateCounter<long>(NodeCallRetries, "{retry}", "Node calls made again on another node or worker after a failure.");
        _unknownOutcomes = meter.CreateCounter<long>(AppendUnknownOutcomes, "{call}", "Append calls that ended without an answer, settled by reading the stream back.");
        _deliveredEvents = meter.CreateCounter<long>(SubscriptionDeliveredEvents, "{event}", "Subscription events the broker confirmed, redeliveries included.");
    }

    public void RequestHandled(string operation, RequestOutcome outcome, TimeSpan duration)
    {
        var operationTag = new KeyValuePair<string, object?>(GatewayTelemetry.OperationTag, operation);
        _requests.Add(1, operationTag, new(GatewayTelemetry.OutcomeTag, outcome.Name));
        _duration.Record(duration.TotalSeconds, operationTag);
    }

    public void NodeCallRetried(string call, ExesdbCallFailure failure) => NodeCallRetried(call, SnakeCaseNames<ExesdbCallFailure>.Of(failure));

    public void NodeCallRetried(string call, string reason) =>
        _retries.Add(1, new(GatewayTelemetry.CallTag, call), new(GatewayTelemetry.RetryReasonTag, reason));

    public void AppendOutcomeUnknown(ExesdbCallFailure failure) =>
        _unknownOutcomes.Add(1, new KeyValuePair<string, object?>(GatewayTelemetry.ErrorTypeTag, SnakeCaseNames<ExesdbCallFailure>.Of(failure)));

    public void SubscriptionEventDelivered(string store, string subscription) =>
        _deliveredEvents.Add(1, new(GatewayTelemetry.StoreTag, store), new(GatewayTelemetry.SubscriptionTag, subscription));
}
