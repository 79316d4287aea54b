using System.Text.RegularExpressions;
using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Selection;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Checks subscription requests completely before anything is stored or read: names become
/// broker queue names and an ExESDB key (and so an atom), selectors must parse, destinations
/// must be addresses MassTransit can send to.
/// </summary>
internal sealed partial class SubscriptionRequestValidator(
    IOptions<RequestLimitsOptions> limits,
    IOptions<SubscriptionOptions> options,
    IOptions<BusOptions> bus,
    IKnownStores knownStores)
{
    public const int MaxNameLength = 100;

    private const int MaxDestinationLength = 1000;

    public GatewayError? Validate(SaveSubscription request)
    {
        if ((CheckStore(request.Store) ?? CheckName(request.Name, nameof(request.Name))) is { } invalid)
        {
            return invalid;
        }

        if (CheckKeyLength(request.Store, request.Name) is { } tooLong)
        {
            return tooLong;
        }

        if (!Enum.IsDefined(request.Lifetime))
        {
            return Invalid(nameof(request.Lifetime), "must be Persistent (0) or Transient (1).");
        }

        if (!Enum.IsDefined(request.CheckpointMode))
        {
            return Invalid(nameof(request.CheckpointMode), "must be BrokerConfirmed (0) or ClientAck (1).");
        }

        if (EventSelectors.TryCreate(request.Type, request.Selector, out var problem) is not { } selector)
        {
            return Invalid(nameof(request.Selector), problem!);
        }

        if (selector.SingleStream is { } stream && StreamIdRule.Check(stream, request.Store, limits.Value.MaxStreamIdLength) is { } streamProblem)
        {
            return Invalid(nameof(request.Selector), streamProblem);
        }

        if (request.Selector.Length > limits.Value.MaxEventBytes)
        {
            return Invalid(nameof(request.Selector), $"the selector has {request.Selector.Length} characters; at most {limits.Value.MaxEventBytes} are allowed.");
        }

        if (CheckDestination(request.Destination, request.Lifetime) is { } destinationProblem)
        {
            return Invalid(nameof(request.Destination), destinationProblem);
        }

        if (request.MaxInFlight is < 1)
        {
            return Invalid(nameof(request.MaxInFlight), "must be 1 or more (or null for the gateway's default).");
        }

        return CheckStartFrom(request.StartFrom, selector, request.Store);
    }

    public GatewayError? Validate(RemoveSubscription request) =>
        CheckStore(request.Store) ?? CheckName(request.Name, nameof(request.Name));

    public GatewayError? Validate(GetSubscriptions request) => CheckStore(request.Store);

    public GatewayError? Validate(AckEvent request) =>
        CheckStore(request.Store)
        ?? CheckName(request.SubscriptionName, nameof(request.SubscriptionName))
        ?? (StreamIdRule.Check(request.StreamId, request.Store, limits.Value.MaxStreamIdLength) is { } problem
            ? Invalid(nameof(request.StreamId), problem)
            : request.EventNumber < 0 ? Invalid(nameof(request.EventNumber), "must be 0 or more.") : null);

    /// <summary>The definition of a valid request.</summary>
    public SubscriptionDefinition ToDefinition(SaveSubscription request) =>
        new(
            request.Store,
            request.Name,
            request.Type,
            request.Selector,
            request.Destination.Trim(),
            request.Lifetime,
            request.CheckpointMode,
            Math.Min(request.MaxInFlight ?? options.Value.DefaultMaxInFlight, options.Value.MaxInFlightLimit));

    private GatewayError? CheckStore(string? store)
    {
        if (StoreNameRule.Check(store, limits.Value.MaxStoreNameLength) is { } problem)
        {
            return Invalid("Store", problem);
        }

        return knownStores.IsKnown(store!)
            ? null
            : new GatewayError(GatewayErrorCode.StoreNotFound, $"Store '{store}' is neither configured (Gateway:Stores) nor served by any known node.", "Store");
    }

    /// <summary>
    /// The stored record's key becomes part of ExESDB's snapshot worker atoms
    /// (<c>snapshots_writer_&lt;store&gt;_&lt;source&gt;_&lt;name&gt;</c>), at most 255 characters.
    /// </summary>
    private GatewayError? CheckKeyLength(string store, string name)
    {
        const int atomBudget = 255 - 17 - 2;
        var used = store.Length + Checkpoints.SnapshotCheckpointStore.SourceOf(bus.Value.EndpointPrefix).Length + name.Length;
        return used <= atomBudget
            ? null
            : Invalid("Name", $"store, gateway prefix and name together have {used} characters; ExESDB's snapshot keys allow {atomBudget}: choose a shorter name.");
    }

    private static GatewayError? CheckName(string? name, string field) =>
        name is not null && SubscriptionName().IsMatch(name)
            ? null
            : Invalid(field, $"a subscription name is 1 to {MaxNameLength} characters of letters, digits, '.', '_' and '-'.");

    private static string? CheckDestination(string? destination, SubscriptionLifetime lifetime)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            return "a destination (queue name or endpoint address) is required.";
        }

        if (destination.Length > MaxDestinationLength)
        {
            return $"at most {MaxDestinationLength} characters.";
        }

        return DestinationAddress.TryResolve(destination.Trim(), lifetime, out var problem) is null ? problem : null;
    }

    private GatewayError? CheckStartFrom(StartFrom? startFrom, IEventSelector selector, string store)
    {
        if (startFrom is null)
        {
            return null;
        }

        if (!Enum.IsDefined(startFrom.Kind))
        {
            return Invalid("StartFrom.Kind", "must be Beginning (0), End (1) or After (2).");
        }

        var positions = startFrom.After ?? new Dictionary<string, long>();
        if (startFrom.Kind != StartFromKind.After)
        {
            return positions.Count == 0 ? null : Invalid("StartFrom.After", "positions are only allowed with StartFrom.Kind After.");
        }

        foreach (var (stream, number) in positions)
        {
            if (StreamIdRule.Check(stream, store, limits.Value.MaxStreamIdLength) is { } problem)
            {
                return Invalid($"StartFrom.After[{stream}]", problem);
            }

            if (selector.SingleStream is { } single && !string.Equals(single, stream, StringComparison.Ordinal))
            {
                return Invalid($"StartFrom.After[{stream}]", $"this subscription reads only stream '{single}'.");
            }

            if (number < -1)
            {
                return Invalid($"StartFrom.After[{stream}]", "an event number is -1 (before the first event) or more.");
            }
        }

        return null;
    }

    private static GatewayError Invalid(string field, string problem) =>
        new(GatewayErrorCode.InvalidRequest, $"{field}: {problem}", field);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex SubscriptionName();
}
