using System.Text.Json;
using System.Text.Json.Serialization;
using EsdbGater.Host.Subscriptions.Model;

namespace EsdbGater.Host.Subscriptions.Checkpoints;

/// <summary>
/// A subscription record as the JSON object stored in ExESDB (which keeps it as a map with
/// string keys). Enums are written as names, so the stored state reads well in ExESDB.
/// </summary>
internal static class SubscriptionRecordJson
{
    /// <summary>The snapshot type name; a later format gets a new one.</summary>
    public const string SnapshotType = "EsdbGater.Subscription.v1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static JsonElement Write(SubscriptionRecord record) => JsonSerializer.SerializeToElement(record, Options);

    /// <summary>The record, or null when the stored value is not one (another tool wrote the key).</summary>
    public static SubscriptionRecord? Read(JsonElement stored)
    {
        try
        {
            return stored.Deserialize<SubscriptionRecord>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
