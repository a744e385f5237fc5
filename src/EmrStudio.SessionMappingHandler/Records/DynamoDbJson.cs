using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// Reads and writes DynamoDB's JSON for attribute values (<c>{"S": "..."}</c>, <c>{"N": "1"}</c>, <c>{"L": [...]}</c>,
/// <c>{"M": {...}}</c>) without reflection. Kinds the record never writes (binary, sets, booleans, null) are skipped on
/// read: an item that carries them was not written by this handler, and its other members still read.
/// </summary>
internal static class DynamoDbJson
{
    public static void WriteItem(Utf8JsonWriter json, IReadOnlyDictionary<string, AttributeValue> item)
    {
        json.WriteStartObject();
        foreach (var (name, value) in item)
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter json, AttributeValue value)
    {
        json.WriteStartObject();
        if (value.S is { } s)
        {
            json.WriteString("S", s);
        }
        else if (value.N is { } n)
        {
            json.WriteString("N", n);
        }
        else if (value.L is { } list)
        {
            json.WriteStartArray("L");
            foreach (var item in list)
            {
                WriteValue(json, item);
            }

            json.WriteEndArray();
        }
        else if (value.M is { } map)
        {
            json.WritePropertyName("M");
            WriteItem(json, map);
        }
        else
        {
            json.WriteBoolean("NULL", true);
        }

        json.WriteEndObject();
    }

    public static Dictionary<string, AttributeValue> ReadItem(JsonElement item)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        if (item.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var member in item.EnumerateObject())
        {
            if (ReadValue(member.Value) is { } value)
            {
                result[member.Name] = value;
            }
        }

        return result;
    }

    public static AttributeValue? ReadValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var member in value.EnumerateObject())
        {
            switch (member.Name)
            {
                case "S" when member.Value.ValueKind == JsonValueKind.String:
                    return AttributeValue.String(member.Value.GetString()!);
                case "N" when member.Value.ValueKind == JsonValueKind.String:
                    return AttributeValue.Number(member.Value.GetString()!);
                case "L" when member.Value.ValueKind == JsonValueKind.Array:
                    return AttributeValue.List([.. member.Value.EnumerateArray().Select(ReadValue).OfType<AttributeValue>()]);
                case "M" when member.Value.ValueKind == JsonValueKind.Object:
                    return AttributeValue.Map(ReadItem(member.Value));
                default:
                    break;
            }
        }

        return null;
    }
}
