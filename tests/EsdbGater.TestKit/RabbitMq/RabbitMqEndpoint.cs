using RabbitMQ.Client;

namespace EsdbGater.TestKit.RabbitMq;

/// <summary>
/// Where a test broker listens and how to log in. <see cref="ToString"/> hides the password, so an
/// endpoint can be logged or put in an assertion message safely.
/// </summary>
/// <param name="Host">Host name or address of the AMQP listener.</param>
/// <param name="Port">AMQP 0-9-1 port.</param>
/// <param name="VirtualHost">Virtual host, <c>/</c> by default.</param>
/// <param name="Username">User name.</param>
/// <param name="Password">Password; never logged.</param>
public sealed record RabbitMqEndpoint(string Host, int Port, string VirtualHost, string Username, string Password)
{
    /// <summary>The AMQP port RabbitMQ uses when a URI names none.</summary>
    public const int DefaultPort = 5672;

    /// <summary>The endpoint as an <c>amqp://user:password@host:port/vhost</c> URI (holds the password: do not log it).</summary>
    public Uri AmqpUri => new UriBuilder("amqp", Host, Port, Uri.EscapeDataString(VirtualHost))
    {
        UserName = Uri.EscapeDataString(Username),
        Password = Uri.EscapeDataString(Password),
    }.Uri;

    /// <summary>
    /// Reads an <c>amqp://[user[:password]@]host[:port][/vhost]</c> URI, as in <c>RABBITMQ_URL</c>. A missing user
    /// or password means RabbitMQ's <c>guest</c>; a missing or empty path means the <c>/</c> virtual host.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a URI. The message never repeats the text, which may hold a password.</exception>
    public static RabbitMqEndpoint Parse(string amqpUri)
    {
        if (!Uri.TryCreate(amqpUri, UriKind.Absolute, out var uri) || uri.Scheme != "amqp" || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("Not an amqp://[user[:password]@]host[:port][/vhost] URI (value not shown: it may hold a password). amqps:// is not supported by the test kit.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length > 0 ? Uri.UnescapeDataString(path) : "/";
        return new RabbitMqEndpoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, virtualHost, username, password);
    }

    /// <summary>A RabbitMQ.Client connection factory for this endpoint that fails fast and never reconnects on its own.</summary>
    public ConnectionFactory CreateConnectionFactory() => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        AutomaticRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
        ClientProvidedName = "esdbgater-testkit",
    };

    /// <summary>The endpoint without its password.</summary>
    public override string ToString() => $"amqp://{Username}:***@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
}
