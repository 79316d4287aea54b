namespace EsdbGater.Host.Logging;

/// <summary>
/// The components of the design, used as Serilog source contexts so that an operator can filter
/// (<c>Serilog:MinimumLevel:Override:ClusterMonitor</c>) and read logs by component.
/// </summary>
internal static class LogComponent
{
    public const string ClusterMonitor = "ClusterMonitor";
    public const string Api = "API";
    public const string Transport = "Transport";
    public const string Discovery = "Discovery";
    public const string Subscriptions = "Subscriptions";
    public const string System = "System";
}
