using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Plugins;

/// <summary>What the host gives a plugin when it creates one.</summary>
/// <param name="Configuration">
/// The whole host configuration. Plugins read their own section (<c>Discovery:Gossip</c>,
/// <c>Transport:Tcp</c>, ...) and the seed's environment names (<c>EX_ESDB_COOKIE</c>, ...).
/// </param>
/// <param name="LoggerFactory">Loggers; plugins log under the component names of the design.</param>
/// <param name="TimeProvider">Clock and timers, replaceable in tests.</param>
public sealed record PluginContext(
    IConfiguration Configuration,
    ILoggerFactory LoggerFactory,
    TimeProvider TimeProvider);
