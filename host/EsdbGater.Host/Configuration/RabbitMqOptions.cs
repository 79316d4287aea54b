namespace EsdbGater.Host.Configuration;

/// <summary>
/// The broker (section <c>RabbitMq</c>, or <c>RABBITMQ_URL</c> as <see cref="Url"/>). A URL wins
/// over the separate settings; its user and password fall back to them when absent.
/// </summary>
/// <remarks>A class, not a record: a record's generated <c>ToString</c> would print the password.</remarks>
internal sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    /// <summary><c>amqp://user:password@host:port/vhost</c> (or <c>amqps://</c>). Secret: contains the password.</summary>
    public string? Url { get; set; }

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    /// <summary>Secret.</summary>
    public string Password { get; set; } = "guest";

    /// <summary>The connection this configuration describes; throws <see cref="FormatException"/> (without the URL's text) when the URL is malformed.</summary>
    public RabbitMqEndpoint Resolve()
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            return new RabbitMqEndpoint(Host, Port, VirtualHost, Username, Password, useTls: false);
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
        {
            // The URL is not echoed: it may hold the password.
            throw new FormatException("RabbitMq:Url (RABBITMQ_URL) is not an amqp:// or amqps:// URL with a host.");
        }

        var tls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 5671 : 5672) : uri.Port;
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var vhost = path.Length == 0 ? "/" : path;
        var (user, password) = (Username, Password);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : password;
        }

        return new RabbitMqEndpoint(uri.Host, port, vhost, user, password, tls);
    }
}
