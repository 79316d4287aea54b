using System.Collections;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Host.Configuration;

/// <summary>
/// Reads the environment variable names of the Elixir gater and ExESDB (<c>EX_ESDB_COOKIE</c>,
/// <c>EX_ESDB_GATER_CONNECT_TO</c>, <c>LOG_LEVEL</c>, ...) and offers them under the gateway's
/// configuration keys, so existing deployments keep their environment. Added before the regular
/// environment variables: an explicit <c>Cluster__Cookie</c> wins over <c>EX_ESDB_COOKIE</c>.
/// </summary>
internal sealed class SeedEnvironmentConfigurationSource(IDictionary? environment = null) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) =>
        new SeedEnvironmentConfigurationProvider(environment ?? Environment.GetEnvironmentVariables());
}
