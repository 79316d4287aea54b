namespace EsdbGater.Host.Configuration;

/// <summary>Limits every request is checked against before it reaches a node (section <c>Gateway:Limits</c>).</summary>
internal sealed class RequestLimitsOptions
{
    public const string Section = "Gateway:Limits";

    /// <summary>Longest store name; store names become atoms on the nodes.</summary>
    public int MaxStoreNameLength { get; set; } = 100;

    /// <summary>
    /// Longest stream id in characters. The effective limit is also capped so that ExESDB's writer
    /// atom <c>streams_writer_worker_&lt;store&gt;_&lt;stream&gt;</c> stays within 255 characters.
    /// </summary>
    public int MaxStreamIdLength { get; set; } = 200;

    /// <summary>Most events in one append (ExESDB writes each event as its own Raft command).</summary>
    public int MaxEventsPerAppend { get; set; } = 500;

    /// <summary>Largest event: data plus metadata, in bytes.</summary>
    public int MaxEventBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest append: all events' data plus metadata, in bytes (KurrentDB's limit is also 1 MiB).</summary>
    public int MaxAppendBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest event type name.</summary>
    public int MaxEventTypeLength { get; set; } = 255;

    /// <summary>Most events one read may ask for (ExESDB reads event by event).</summary>
    public int MaxReadCount { get; set; } = 1000;

    /// <summary>Largest snapshot: data plus metadata, in bytes.</summary>
    public int MaxSnapshotBytes { get; set; } = 1024 * 1024;
}
