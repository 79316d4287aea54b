using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Where a subscription's messages are sent, as a MassTransit address.
/// </summary>
/// <remarks>
/// A persistent subscription's plain queue name becomes <c>queue:&lt;name&gt;</c>: MassTransit
/// declares the durable queue, so the broker keeps events while the consumer is down. A
/// transient subscription must never declare a queue, or a vanished client's auto-delete queue
/// would be created again and fill for ever: its destination is the exchange of the client's
/// temporary endpoint (its <c>InputAddress</c>, or <c>exchange:&lt;name&gt;?temporary=true</c>
/// for a plain name), and sends are mandatory, so the broker returns them once nothing is bound.
/// </remarks>
internal static class DestinationAddress
{
    /// <summary>The address, or null with <paramref name="problem"/> saying why.</summary>
    public static Uri? TryResolve(string destination, SubscriptionLifetime lifetime, out string? problem)
    {
        problem = null;
        var transient = lifetime == SubscriptionLifetime.Transient;
        if (!destination.Contains(':', StringComparison.Ordinal))
        {
            if (!IsEntityName(destination))
            {
                problem = "a queue name is 1 to 255 characters of letters, digits, '.', '_' and '-'.";
                return null;
            }

            return new Uri(transient ? $"exchange:{destination}?temporary=true" : $"queue:{destination}");
        }

        if (!Uri.TryCreate(destination, UriKind.Absolute, out var address)
            || address.Scheme is not ("queue" or "exchange" or "rabbitmq" or "rabbitmqs" or "amqp" or "amqps"))
        {
            problem = "an address is queue:…, exchange:… or rabbitmq://host/vhost/name.";
            return null;
        }

        if (address.UserInfo.Length > 0)
        {
            // The address is logged and listed; credentials belong to the gateway's own broker settings.
            problem = "an address must not carry credentials.";
            return null;
        }

        if (transient && (address.Scheme == "queue" || address.Query.Contains("bind=true", StringComparison.OrdinalIgnoreCase)))
        {
            problem = "a transient subscription must not make the gateway declare a queue: pass the client's temporary endpoint address (ReceiveEndpoint.InputAddress).";
            return null;
        }

        return address;
    }

    public static Uri Resolve(string destination, SubscriptionLifetime lifetime) =>
        TryResolve(destination, lifetime, out var problem) ?? throw new ArgumentException(problem, nameof(destination));

    /// <summary>Where a validated subscription's messages go, and whether the broker keeps them (persistent subscriptions).</summary>
    public static DeliveryTarget TargetOf(SubscriptionDefinition definition) =>
        new(Resolve(definition.Destination, definition.Lifetime), definition.IsPersistent);

    private static bool IsEntityName(string name) =>
        name.Length is > 0 and <= 255 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
