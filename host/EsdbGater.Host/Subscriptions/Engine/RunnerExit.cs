namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>Why a subscription runner ended.</summary>
internal enum RunnerExit
{
    /// <summary>Stopped on request (shutdown, ownership lost or handed over, removal by this replica).</summary>
    Stopped,

    /// <summary>Its stored record disappeared: another replica removed it.</summary>
    Removed,

    /// <summary>ExESDB lost events already delivered; delivery stays stopped.</summary>
    DataLoss,

    /// <summary>A transient subscription's destination is gone: its client went away.</summary>
    DestinationGone,
}
