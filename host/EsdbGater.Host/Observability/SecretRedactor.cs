using EsdbGater.Host.Configuration;
using EsdbGater.Plugins;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Host.Observability;

/// <summary>
/// Masks the gateway's secrets (cookie, gossip secret, broker password and URL) in text it did not
/// write itself, such as a library's health description, before the text leaves the process.
/// </summary>
internal sealed class SecretRedactor
{
    private const string Mask = "***";
    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets) =>
        // Longest first, so a URL is masked whole before the password inside it.
        _secrets = [.. secrets.OfType<string>().Where(s => s.Length >= 3).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>The secrets in the gateway's configuration.</summary>
    public static SecretRedactor From(IConfiguration configuration)
    {
        var broker = configuration.GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        string? password;
        try
        {
            password = broker.Resolve().Password;
        }
        catch (FormatException)
        {
            password = null; // a malformed URL fails the start; its whole text is masked below anyway
        }

        return new SecretRedactor([configuration[GaterConfigurationKeys.Cookie], configuration[GaterConfigurationKeys.ClusterSecret], broker.Url, broker.Password, password]);
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
