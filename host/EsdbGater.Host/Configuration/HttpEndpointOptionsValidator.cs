using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Configuration;

/// <summary>
/// Accepts what Kestrel can bind for plain HTTP at the root: <c>http://host:port</c>, with a name,
/// an address, <c>*</c> or <c>+</c> as host; no path, no https (the listener has no certificate).
/// </summary>
internal sealed class HttpEndpointOptionsValidator : IValidateOptions<HttpEndpointOptions>
{
    private const string Key = HttpEndpointOptions.Section + ":Url (EX_ESDB_GATER_HTTP_URL)";

    public ValidateOptionsResult Validate(string? name, HttpEndpointOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(options.Url!.Trim());
        }
        catch (FormatException)
        {
            return Fail($"is '{options.Url}'; it must look like http://0.0.0.0:9464.");
        }

        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"is '{options.Url}'; only http:// is served (the listener has no certificate).");
        }

        if (address.PathBase.Length > 0)
        {
            return Fail($"is '{options.Url}'; it must not have a path: the endpoints are /health/live, /health/ready and /metrics.");
        }

        return address.IsUnixPipe || address.Port is > 0 and <= 65535
            ? ValidateOptionsResult.Success
            : Fail($"is '{options.Url}'; it needs a port between 1 and 65535.");
    }

    private static ValidateOptionsResult Fail(string problem) => ValidateOptionsResult.Fail($"{Key} {problem}");
}
