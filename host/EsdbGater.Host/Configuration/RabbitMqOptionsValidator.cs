using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Configuration;

internal sealed class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        RabbitMqEndpoint endpoint;
        try
        {
            endpoint = options.Resolve();
        }
        catch (FormatException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }

        var checks = new OptionChecks(RabbitMqOptions.Section).InRange("Port", endpoint.Port, 1, 65535);
        if (string.IsNullOrWhiteSpace(endpoint.Host))
        {
            checks.Fail("RabbitMq:Host must not be empty.");
        }

        if (string.IsNullOrEmpty(endpoint.Username))
        {
            checks.Fail("RabbitMq:Username must not be empty.");
        }

        return checks.Result();
    }
}
