using System.Text.Json;
using EsdbGater.Contracts;

namespace EsdbGater.EndToEnd.Tests.Fixtures;

internal static class Events
{
    public static EventData New(string type = "thing_happened:v1", object? data = null) =>
        new(Guid.CreateVersion7(), type, JsonSerializer.SerializeToElement(data ?? new { n = 1 }));

    public static EventData[] Many(int count, string type = "thing_happened:v1") =>
        [.. Enumerable.Range(0, count).Select(i => New(type, new { i }))];

    /// <summary>A stream id no other test uses.</summary>
    public static string Stream(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
