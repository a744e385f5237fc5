using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>What CloudFormation does to a custom resource's properties before sending them: every scalar becomes a string.</summary>
public static class CustomResourceProperties
{
    public static JsonNode? Stringify(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(pair => KeyValuePair.Create(pair.Key, Stringify(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Stringify)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(text),
        JsonValue value when value.TryGetValue<bool>(out var flag) => JsonValue.Create(flag ? "true" : "false"),
        JsonValue value => JsonValue.Create(value.ToJsonString()),
        _ => throw new NotSupportedException($"Unexpected node {node.ToJsonString()}."),
    };
}
