namespace EsdbGater.Contracts;

/// <summary>One store as reported by an ExESDB node's store registry.</summary>
/// <param name="StoreId">The Khepri store id, e.g. <c>reg_gh</c>.</param>
/// <param name="Node">The node that reported it.</param>
/// <param name="DbType"><c>single</c> or <c>cluster</c>.</param>
/// <param name="Status">E.g. <c>active</c>.</param>
/// <param name="Description">Free text (ExESDB's default is <c>"undefined!"</c>).</param>
/// <param name="Tags">Store tags.</param>
public sealed record StoreInfo(
    string StoreId,
    string Node,
    string? DbType,
    string? Status,
    string? Description,
    IReadOnlyList<string> Tags);
