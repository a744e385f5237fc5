using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks;

/// <summary>
/// <c>Test::Failure</c>: a resource that fails on demand, to force a rollback at a chosen point. <c>FailOn</c> lists
/// the request types that fail (comma-separated: Create, Update, Delete); <c>FailDuring</c>, if set, limits the
/// failures to those stack statuses. Any other property (a <c>Revision</c>, say) only serves to make it change.
/// </summary>
public static class TestFailure
{
    public const string Type = "Test::Failure";

    /// <summary>The declaration of a Test::Failure resource that runs after <paramref name="dependsOn"/>.</summary>
    public static JsonObject Declaration(string failOn, IEnumerable<string> dependsOn, string? failDuring = null)
    {
        var properties = new JsonObject { ["FailOn"] = failOn };
        if (failDuring is not null)
        {
            properties["FailDuring"] = failDuring;
        }

        return new JsonObject
        {
            ["Type"] = Type,
            ["DependsOn"] = new JsonArray([.. dependsOn.Select(id => (JsonNode?)JsonValue.Create(id))]),
            ["Properties"] = properties,
        };
    }
}
