using System.Text.Json;

namespace EsdbGater.Contracts;

/// <summary>A stored snapshot.</summary>
/// <param name="Key">Where it is stored.</param>
/// <param name="SnapshotType">Type name of the snapshot (ExESDB's <c>source_type</c>).</param>
/// <param name="Data">Snapshot state as JSON.</param>
/// <param name="Metadata">Optional metadata as JSON.</param>
/// <param name="Created">When it was recorded, if known.</param>
public sealed record Snapshot(
    SnapshotKey Key,
    string SnapshotType,
    JsonElement Data,
    JsonElement? Metadata,
    DateTimeOffset? Created);
