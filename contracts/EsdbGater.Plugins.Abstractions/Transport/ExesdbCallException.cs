namespace EsdbGater.Plugins.Transport;

/// <summary>A call to an ExESDB node did not produce an ExESDB answer.</summary>
public sealed class ExesdbCallException(ExesdbCallFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Why.</summary>
    public ExesdbCallFailure Failure { get; } = failure;

    /// <summary>
    /// True when the request may have taken effect (an append whose outcome is unknown):
    /// the caller must read back before retrying.
    /// </summary>
    public bool OutcomeUnknown => Failure is ExesdbCallFailure.Timeout or ExesdbCallFailure.NodeDown or ExesdbCallFailure.WorkerDown;
}

/// <summary>Why a call failed.</summary>
public enum ExesdbCallFailure
{
    /// <summary>The deadline passed without a reply.</summary>
    Timeout,

    /// <summary>The worker process exited during the call (ExESDB crashes on input it cannot handle).</summary>
    WorkerDown,

    /// <summary>The target process did not exist (<c>noproc</c>).</summary>
    NoProcess,

    /// <summary>The connection to the node was lost.</summary>
    NodeDown,

    /// <summary>ExESDB answered with an error the caller did not expect, or a reply of an unknown shape.</summary>
    UnexpectedReply,

    /// <summary>The request cannot be expressed for ExESDB (e.g. a payload the term mapping refuses).</summary>
    InvalidArgument,
}
