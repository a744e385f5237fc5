using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>
/// Compares policy statements by meaning rather than text: S3 hands a policy back reformatted, and IAM reads a
/// one-element list as its element, list order as irrelevant, and <c>false</c> as <c>"false"</c>.
/// </summary>
internal static class PolicyJson
{
    public static bool SameMeaning(JsonNode? left, JsonNode? right) =>
        string.Equals(Canonical(left), Canonical(right), StringComparison.Ordinal);

    /// <summary>A text that two nodes share exactly when IAM reads them alike.</summary>
    public static string Canonical(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(node, text);
        return text.ToString();
    }

    private static void Append(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                foreach (var (name, value) in obj.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    text.Append(JsonSerializer.Serialize(name)).Append(':');
                    Append(value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonArray { Count: 1 } single:
                Append(single[0], text);
                break;
            case JsonArray array:
                text.Append('[').AppendJoin(',', array.Select(Canonical).Order(StringComparer.Ordinal)).Append(']');
                break;
            case JsonValue value:
                var scalar = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                text.Append(JsonSerializer.Serialize(scalar));
                break;
        }
    }
}
