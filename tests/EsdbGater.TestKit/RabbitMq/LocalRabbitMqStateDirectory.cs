using System.Globalization;

namespace EsdbGater.TestKit.RabbitMq;

/// <summary>
/// The private directory of one local broker: its configuration, database and logs, so nothing of the system's
/// RabbitMQ (<c>/etc/rabbitmq</c>, <c>/var/lib/rabbitmq</c>, its cookie) is read or written.
/// </summary>
internal sealed class LocalRabbitMqStateDirectory
{
    private LocalRabbitMqStateDirectory(string path) => Path = path;

    /// <summary>The directory (mode 0700: the configuration holds the password).</summary>
    public string Path { get; }

    /// <summary>Creates the directory and writes the broker's configuration into it.</summary>
    public static LocalRabbitMqStateDirectory Create(RabbitMqEndpoint endpoint)
    {
        var directory = new LocalRabbitMqStateDirectory(Directory.CreateTempSubdirectory("esdbgater-rabbitmq-").FullName);
        File.WriteAllText(directory.ConfigFile, ConfigurationText(endpoint));
        // No plugins: the management plugin alone adds seconds to the start.
        File.WriteAllText(directory.EnabledPluginsFile, "[].\n");
        // Replaces /etc/rabbitmq/rabbitmq-env.conf, which the start script would otherwise read.
        File.WriteAllText(directory.EnvironmentFile, string.Empty);
        return directory;
    }

    /// <summary>The environment that makes <c>rabbitmq-server</c> use this directory only.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        // The node's Erlang cookie is created here, not in root's home.
        ["HOME"] = Path,
        ["RABBITMQ_CONFIG_FILE"] = ConfigFile,
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = System.IO.Path.Combine(Path, "advanced.config"),
        ["RABBITMQ_CONF_ENV_FILE"] = EnvironmentFile,
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = EnabledPluginsFile,
        ["RABBITMQ_MNESIA_BASE"] = System.IO.Path.Combine(Path, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = System.IO.Path.Combine(Path, "log"),
        ["RABBITMQ_PLUGINS_EXPAND_DIR"] = System.IO.Path.Combine(Path, "plugins-expand"),
    };

    private string ConfigFile => System.IO.Path.Combine(Path, "rabbitmq.conf");

    private string EnabledPluginsFile => System.IO.Path.Combine(Path, "enabled_plugins");

    private string EnvironmentFile => System.IO.Path.Combine(Path, "rabbitmq-env.conf");

    /// <summary>Removes the directory and everything the broker wrote.</summary>
    public void Delete()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static string ConfigurationText(RabbitMqEndpoint endpoint) => string.Create(CultureInfo.InvariantCulture, $"""
        listeners.tcp.1 = 127.0.0.1:{endpoint.Port}
        default_vhost = {endpoint.VirtualHost}
        default_user = {endpoint.Username}
        default_pass = {endpoint.Password}
        log.console = true
        log.console.level = warning
        log.file.level = info

        """);
}
