using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>Which property changes CloudFormation documents as "Update requires: Replacement" for the simulated types.</summary>
internal static class ReplacementRules
{
    public static bool AnyChanged(JsonObject oldProperties, JsonObject newProperties, params string[] names) =>
        names.Any(name => !JsonNode.DeepEquals(oldProperties[name], newProperties[name]));

    /// <summary>For types whose every property needs replacement (AWS::Lambda::Permission).</summary>
    public static bool AnythingChanged(JsonObject oldProperties, JsonObject newProperties) => !JsonNode.DeepEquals(oldProperties, newProperties);
}
