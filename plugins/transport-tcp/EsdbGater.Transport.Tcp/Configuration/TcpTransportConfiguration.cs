using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using EsdbGater.Erlang.Distribution;
using EsdbGater.Plugins;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Transport.Tcp.Configuration;

/// <summary>
/// Reads the transport's settings: the cookie from <c>Cluster:Cookie</c> (or the seed's
/// <c>EX_ESDB_COOKIE</c> / <c>RELEASE_COOKIE</c> when the host did not map them), the
/// <c>Transport:Tcp</c> section and <c>Gateway:PubSub</c>. Every problem is a
/// <see cref="PluginConfigurationException"/> that names the setting and never a secret.
/// </summary>
internal static partial class TcpTransportConfiguration
{
    private static readonly string[] CookieFallbacks = ["EX_ESDB_COOKIE", "RELEASE_COOKIE"];

    /// <summary>The settings and, separately, the cookie.</summary>
    public static (TcpTransportOptions Options, string Cookie) Read(IConfiguration configuration)
    {
        var cookie = ReadCookie(configuration);
        var section = configuration.GetSection(GaterConfigurationKeys.TcpSection);
        string Key(string name) => $"{GaterConfigurationKeys.TcpSection}:{name}";

        var prefix = section["NodeNamePrefix"] is { Length: > 0 } p ? p : "esdbgater_maint";
        if (!AtomSafeName().IsMatch(prefix))
        {
            throw new PluginConfigurationException($"{Key("NodeNamePrefix")} may only contain letters, digits, '_' and '-' (was \"{prefix}\").");
        }

        var host = section["NodeHost"] is { Length: > 0 } h ? h : ShortHostName();
        if (!HostName().IsMatch(host))
        {
            throw new PluginConfigurationException($"{Key("NodeHost")} is not a host name (was \"{host}\").");
        }

        var defaults = new TcpTransportOptions { NodeHost = host };
        var options = defaults with
        {
            NodeNamePrefix = prefix,
            EpmdPort = Int(Key("EpmdPort"), section["EpmdPort"] ?? Environment.GetEnvironmentVariable("ERL_EPMD_PORT"), defaults.EpmdPort, 1, 65535),
            TickInterval = DurationSetting.Parse(Key("TickInterval"), section["TickInterval"], defaults.TickInterval),
            HandshakeTimeout = DurationSetting.Parse(Key("HandshakeTimeout"), section["HandshakeTimeout"], defaults.HandshakeTimeout),
            PeerTimeout = DurationSetting.Parse(Key("PeerTimeout"), section["PeerTimeout"], defaults.PeerTimeout),
            MaxPacketSize = Int(Key("MaxPacketSize"), section["MaxPacketSize"], defaults.MaxPacketSize, 64 * 1024, int.MaxValue),
            MailboxCapacity = Int(Key("MailboxCapacity"), section["MailboxCapacity"], defaults.MailboxCapacity, 16, 10_000_000),
            FeedCapacity = Int(Key("FeedCapacity"), section["FeedCapacity"], defaults.FeedCapacity, 1, 1_000_000),
            FeedJoinTimeout = DurationSetting.Parse(Key("FeedJoinTimeout"), section["FeedJoinTimeout"], defaults.FeedJoinTimeout),
            PubSubName = configuration[GaterConfigurationKeys.PubSub] is { Length: > 0 } pubSub ? pubSub : defaults.PubSubName,
            Tls = ReadTls(section.GetSection("Tls"), Key("Tls")),
        };

        if (options.TickInterval >= options.PeerTimeout)
        {
            throw new PluginConfigurationException($"{Key("TickInterval")} must be shorter than {Key("PeerTimeout")}.");
        }

        if (!AtomSafeName().IsMatch(options.PubSubName.Replace(".", string.Empty, StringComparison.Ordinal)))
        {
            throw new PluginConfigurationException($"{GaterConfigurationKeys.PubSub} is not a PubSub name (was \"{options.PubSubName}\").");
        }

        return (options, cookie);
    }

    /// <summary>Our node name, unique per transport: <c>&lt;prefix&gt;_&lt;process id&gt;_&lt;random&gt;@&lt;host&gt;</c>.</summary>
    public static string UniqueNodeName(TcpTransportOptions options) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{options.NodeNamePrefix}_{Environment.ProcessId}_{RandomNumberGenerator.GetHexString(6, lowercase: true)}@{options.NodeHost}");

    private static string ReadCookie(IConfiguration configuration)
    {
        var cookie = configuration[GaterConfigurationKeys.Cookie];
        foreach (var name in CookieFallbacks)
        {
            if (!string.IsNullOrWhiteSpace(cookie))
            {
                break;
            }

            cookie = configuration[name] ?? Environment.GetEnvironmentVariable(name);
        }

        return string.IsNullOrWhiteSpace(cookie)
            ? throw new PluginConfigurationException(
                $"No Erlang distribution cookie is configured: set {GaterConfigurationKeys.Cookie} or the EX_ESDB_COOKIE / RELEASE_COOKIE environment variable.")
            : cookie;
    }

    private static DistributionTlsOptions? ReadTls(IConfigurationSection tls, string key)
    {
        var caFile = tls["CaFile"];
        var certFile = tls["CertFile"];
        var keyFile = tls["KeyFile"];
        if (string.IsNullOrEmpty(caFile) && string.IsNullOrEmpty(certFile) && string.IsNullOrEmpty(keyFile))
        {
            return null;
        }

        if (string.IsNullOrEmpty(certFile) != string.IsNullOrEmpty(keyFile))
        {
            throw new PluginConfigurationException($"{key}:CertFile and {key}:KeyFile must be set together.");
        }

        var options = new DistributionTlsOptions
        {
            VerifyHostName = !bool.TryParse(tls["VerifyHostName"], out var verify) || verify,
        };

        try
        {
            if (!string.IsNullOrEmpty(caFile))
            {
                var authorities = new X509Certificate2Collection();
                authorities.ImportFromPemFile(caFile);
                options = options with { TrustedCertificateAuthorities = authorities };
            }

            if (!string.IsNullOrEmpty(certFile))
            {
                options = options with { ClientCertificate = X509Certificate2.CreateFromPemFile(certFile, keyFile) };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // The key file's content is a secret: name the setting, not what was read.
            throw new PluginConfigurationException($"{key}: the CA, certificate or key file cannot be read as PEM ({e.GetType().Name}).");
        }

        return options;
    }

    private static int Int(string key, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new PluginConfigurationException($"{key} must be a whole number from {min} to {max} (was \"{text}\").");
    }

    private static string ShortHostName()
    {
        var host = System.Net.Dns.GetHostName();
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? host[..dot] : host;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex AtomSafeName();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9.-]{0,190}[A-Za-z0-9])?$")]
    private static partial Regex HostName();
}
