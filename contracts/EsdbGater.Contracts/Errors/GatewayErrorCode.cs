namespace EsdbGater.Contracts;

/// <summary>Why the gateway could not serve a request. Numbers are stable on the wire.</summary>
public enum GatewayErrorCode
{
    /// <summary>
    /// ExESDB did not answer within the gateway's deadline. For reads it is safe to retry; an
    /// append that timed out is reported as <see cref="AppendOutcomeUnknown"/> unless the gateway
    /// could establish its outcome.
    /// </summary>
    Timeout = 0,

    /// <summary>No connected node runs a gateway worker for the store (after a short bounded wait).</summary>
    NoWorkers = 1,

    /// <summary>The request is malformed; <see cref="GatewayError.Field"/> names the offending field. Do not retry unchanged.</summary>
    InvalidRequest = 2,

    /// <summary>The store is neither configured in the gateway nor served by any node it knows.</summary>
    StoreNotFound = 3,

    /// <summary>A node failed while serving the request (worker crash, lost connection, unexpected reply); nothing was written.</summary>
    NodeFailure = 4,

    /// <summary>Reserved for access control; the gateway does not issue it yet.</summary>
    Unauthorized = 5,

    /// <summary>
    /// An append may or may not have been written, or was written only in part (ExESDB writes
    /// event by event), and the gateway could not find out which. Read the stream before
    /// retrying; the events' ids tell which ones are there.
    /// </summary>
    AppendOutcomeUnknown = 6,

    /// <summary>
    /// The replica that took the request is shutting down and did nothing with it. Send it again:
    /// another replica, or this one once restarted, takes it.
    /// </summary>
    GatewayStopping = 7,
}
