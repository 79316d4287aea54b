using EsdbGater.Contracts;

namespace EsdbGater.Host.Api.Validation;

/// <summary>
/// Snapshot keys: source and stream are printable, non-empty, and short enough for ExESDB's
/// per-key worker atoms (<c>snapshots_writer_&lt;store&gt;_&lt;src&gt;_&lt;stream&gt;</c> and
/// <c>&lt;store&gt;_&lt;src&gt;_&lt;stream&gt;_snaps_rdr</c>, 255 characters at most); the version
/// is not negative.
/// </summary>
internal static class SnapshotKeyRule
{
    /// <summary>255 minus "snapshots_writer_" and two '_': what store, source and stream share.</summary>
    private const int SharedAtomBudget = 255 - 17 - 2;

    public static ValidationProblem? Check(SnapshotKey? key, string store, string field)
    {
        if (key is null)
        {
            return new ValidationProblem(field, "a snapshot key is required.");
        }

        if (CheckPart(key.SourceUuid, $"{field}.SourceUuid") is { } source)
        {
            return source;
        }

        if (CheckPart(key.StreamUuid, $"{field}.StreamUuid") is { } stream)
        {
            return stream;
        }

        var budget = SharedAtomBudget - store.Length;
        var used = PrintableTextRule.CodePointLength(key.SourceUuid) + PrintableTextRule.CodePointLength(key.StreamUuid);
        if (used > budget)
        {
            return new ValidationProblem(field, $"SourceUuid and StreamUuid together have {used} characters; at most {budget} are allowed for store '{store}'.");
        }

        return key.Version < 0 ? new ValidationProblem($"{field}.Version", "the version must not be negative.") : null;
    }

    /// <summary>An optional source or stream filter: null is fine, anything else must be a valid part.</summary>
    public static ValidationProblem? CheckFilter(string? part, string field) =>
        part is null ? null : CheckPart(part, field);

    private static ValidationProblem? CheckPart(string? part, string field)
    {
        if (string.IsNullOrEmpty(part))
        {
            return new ValidationProblem(field, "must not be empty.");
        }

        return PrintableTextRule.Check(part) is { } problem ? new ValidationProblem(field, "is not printable: " + problem) : null;
    }
}
