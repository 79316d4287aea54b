namespace EsdbGater.Host.Configuration;

/// <summary>A resolved broker connection. <see cref="ToString"/> is safe to log: it omits the credentials.</summary>
internal sealed class RabbitMqEndpoint(string host, int port, string virtualHost, string username, string password, bool useTls)
{
    public string Host { get; } = host;

    public int Port { get; } = port;

    public string VirtualHost { get; } = virtualHost;

    public string Username { get; } = username;

    /// <summary>Secret.</summary>
    public string Password { get; } = password;

    public bool UseTls { get; } = useTls;

    public override string ToString() =>
        $"{(UseTls ? "amqps" : "amqp")}://{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
}
