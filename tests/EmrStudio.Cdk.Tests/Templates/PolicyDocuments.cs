using System.Text.Json.Nodes;

namespace EmrStudio.Cdk.Tests.Templates;

/// <summary>Reading IAM policy documents in template JSON, whichever deployment wrote them.</summary>
internal static class PolicyDocuments
{
    /// <summary>The statements of all inline policies of a role, given the role's Properties.</summary>
    public static IReadOnlyList<JsonObject> InlineStatements(JsonObject roleProperties) =>
        [.. AsList(roleProperties["Policies"]).SelectMany(policy => AsList(policy!["PolicyDocument"]!["Statement"])).Cast<JsonObject>()];

    /// <summary>A policy element that may be a single value or a list (Action, Resource, Statement), as a list.</summary>
    public static IReadOnlyList<JsonNode?> AsList(JsonNode? element) => element is JsonArray array ? [.. array] : [element];

    /// <summary>A statement's actions, sorted.</summary>
    public static List<string> Actions(JsonObject statement) =>
        [.. AsList(statement["Action"]).Select(action => action!.GetValue<string>()).Order(StringComparer.Ordinal)];

    public static string? Sid(JsonObject statement) => statement["Sid"]?.GetValue<string>();

    /// <summary>Whether a statement grants its actions on <c>*</c>.</summary>
    public static bool OnAnyResource(JsonObject statement) =>
        AsList(statement["Resource"]).Any(resource => resource is JsonValue value && value.TryGetValue<string>(out var text) && text == "*");
}
