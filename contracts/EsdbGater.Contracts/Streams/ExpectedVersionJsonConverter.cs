using System.Text.Json;
using System.Text.Json.Serialization;

namespace EsdbGater.Contracts;

/// <summary>
/// Writes an <see cref="ExpectedVersion"/> as the plain number it encodes (<c>-2</c>, <c>-4</c>,
/// <c>-1</c> or the exact version), so messages read naturally on the bus and clients in other
/// languages need no wrapper object. Reading also accepts the object form <c>{"value": n}</c>.
/// </summary>
public sealed class ExpectedVersionJsonConverter : JsonConverter<ExpectedVersion>
{
    /// <inheritdoc />
    public override ExpectedVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return new ExpectedVersion(reader.GetInt64());
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            long? value = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (string.Equals(name, nameof(ExpectedVersion.Value), StringComparison.OrdinalIgnoreCase))
                {
                    value = reader.GetInt64();
                }
                else
                {
                    reader.Skip();
                }
            }

            return value is { } v ? new ExpectedVersion(v) : throw new JsonException("ExpectedVersion object has no 'value'.");
        }

        throw new JsonException($"ExpectedVersion must be a number, not {reader.TokenType}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ExpectedVersion value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Value);
}
