using System.Diagnostics;

namespace EsdbGater.Host.Observability;

/// <summary>
/// Observes each gateway request once, around its consumer: a span (child of MassTransit's consume
/// span, so it joins the client's trace) tagged with operation, store, chosen node and outcome; and
/// the request count and duration.
/// </summary>
internal sealed class RequestTelemetry(GatewayMetrics metrics)
{
    public RequestObservation Start<TRequest>(string operation, TRequest request)
        where TRequest : class
    {
        var activity = GatewayTelemetry.Source.StartActivity(operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GatewayTelemetry.OperationTag, operation);
            if (RequestStore<TRequest>.Of(request) is { } store)
            {
                activity.SetTag(GatewayTelemetry.StoreTag, store);
            }
        }

        return new RequestObservation(operation, Stopwatch.GetTimestamp(), activity);
    }

    /// <summary>Ends the request; <paramref name="response"/> is what was answered, null when the consumer threw.</summary>
    public void Stop(in RequestObservation observation, object? response)
    {
        var outcome = RequestOutcome.Of(response);
        metrics.RequestHandled(observation.Operation, outcome, Stopwatch.GetElapsedTime(observation.StartedAt));
        if (observation.Activity is not { } activity)
        {
            return;
        }

        activity.SetTag(GatewayTelemetry.OutcomeTag, outcome.Name);
        if (outcome.IsError)
        {
            activity.SetTag(GatewayTelemetry.ErrorTypeTag, outcome.Name);
            activity.SetStatus(ActivityStatusCode.Error);
        }

        activity.Dispose();
    }
}
