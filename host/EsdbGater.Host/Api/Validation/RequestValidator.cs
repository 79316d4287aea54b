using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Api.Validation;

/// <summary>
/// Checks every request completely before any of it reaches a node: ExESDB crashes its workers
/// on input it cannot handle, leaks atoms for names it sees, and writes batches event by event.
/// The answer is a <see cref="GatewayError"/> (InvalidRequest naming the field, or StoreNotFound),
/// or null when the request may proceed.
/// </summary>
internal sealed class RequestValidator(IOptions<RequestLimitsOptions> limits, IKnownStores knownStores)
{
    private RequestLimitsOptions Limits => limits.Value;

    public GatewayError? Validate(AppendEvents request) =>
        CheckStore(request.Store)
        ?? Invalid(StreamIdRule.Check(request.StreamId, request.Store, Limits.MaxStreamIdLength), nameof(request.StreamId))
        ?? Invalid(CheckExpectedVersion(request.ExpectedVersion))
        ?? Invalid(EventDataRule.Check(request.Events, Limits));

    public GatewayError? Validate(GetEvents request) =>
        CheckStore(request.Store)
        ?? Invalid(StreamIdRule.Check(request.StreamId, request.Store, Limits.MaxStreamIdLength), nameof(request.StreamId))
        ?? Invalid(request.Start < 0 ? "the start must be 0 or more (event numbers are 0-based)." : null, nameof(request.Start))
        ?? Invalid(request.Count < 1 || request.Count > Limits.MaxReadCount ? $"the count must be between 1 and {Limits.MaxReadCount}." : null, nameof(request.Count))
        ?? Invalid(Enum.IsDefined(request.Direction) ? null : "the direction must be Forward (0) or Backward (1).", nameof(request.Direction));

    public GatewayError? Validate(GetVersion request) =>
        CheckStore(request.Store)
        ?? Invalid(StreamIdRule.Check(request.StreamId, request.Store, Limits.MaxStreamIdLength), nameof(request.StreamId));

    public GatewayError? Validate(GetStreams request) => CheckStore(request.Store);

    public GatewayError? Validate(RecordSnapshot request) =>
        CheckStore(request.Store)
        ?? Invalid(CheckSnapshot(request.Snapshot, request.Store));

    public GatewayError? Validate(ReadSnapshot request) =>
        CheckStore(request.Store) ?? Invalid(SnapshotKeyRule.Check(request.Key, request.Store, nameof(request.Key)));

    public GatewayError? Validate(DeleteSnapshot request) =>
        CheckStore(request.Store) ?? Invalid(SnapshotKeyRule.Check(request.Key, request.Store, nameof(request.Key)));

    public GatewayError? Validate(ListSnapshots request) =>
        CheckStore(request.Store)
        ?? Invalid(SnapshotKeyRule.CheckFilter(request.SourceUuid, nameof(request.SourceUuid)))
        ?? Invalid(SnapshotKeyRule.CheckFilter(request.StreamUuid, nameof(request.StreamUuid)));

    private GatewayError? CheckStore(string? store)
    {
        if (StoreNameRule.Check(store, Limits.MaxStoreNameLength) is { } problem)
        {
            return new GatewayError(GatewayErrorCode.InvalidRequest, "Store: " + problem, "Store");
        }

        return knownStores.IsKnown(store!)
            ? null
            : new GatewayError(GatewayErrorCode.StoreNotFound, $"Store '{store}' is neither configured (Gateway:Stores) nor served by any known node.", "Store");
    }

    private static ValidationProblem? CheckExpectedVersion(ExpectedVersion? expected) =>
        expected is { IsValid: false } v
            ? new ValidationProblem("ExpectedVersion", $"{v.Value} is not an expected version: use -2 (any), -4 (stream exists), -1 (no stream) or an event number >= 0.")
            : null;

    private ValidationProblem? CheckSnapshot(Snapshot? snapshot, string store)
    {
        if (snapshot is null)
        {
            return new ValidationProblem("Snapshot", "a snapshot is required.");
        }

        if (SnapshotKeyRule.Check(snapshot.Key, store, "Snapshot.Key") is { } keyProblem)
        {
            return keyProblem;
        }

        if (string.IsNullOrWhiteSpace(snapshot.SnapshotType) || PrintableTextRule.Check(snapshot.SnapshotType) is not null)
        {
            return new ValidationProblem("Snapshot.SnapshotType", "a printable snapshot type is required.");
        }

        if (snapshot.Data.ValueKind == JsonValueKind.Undefined)
        {
            return new ValidationProblem("Snapshot.Data", "data is required (any JSON value).");
        }

        var size = EventDataRule.JsonSize(snapshot.Data)
            + (snapshot.Metadata is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } m ? EventDataRule.JsonSize(m) : 0);
        return size > Limits.MaxSnapshotBytes
            ? new ValidationProblem("Snapshot", $"data and metadata take {size} bytes; at most {Limits.MaxSnapshotBytes} are allowed.")
            : null;
    }

    private static GatewayError? Invalid(string? problem, string field) =>
        problem is null ? null : new GatewayError(GatewayErrorCode.InvalidRequest, $"{field}: {problem}", field);

    private static GatewayError? Invalid(ValidationProblem? problem) =>
        problem is null ? null : new GatewayError(GatewayErrorCode.InvalidRequest, problem.ToString(), problem.Field);
}
