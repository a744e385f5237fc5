using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks;

/// <summary>
/// <c>Test::Gate</c>: a resource whose every Create, Update and Delete waits until the test opens its gate
/// (<see cref="SimulatedAccount.Gates"/>), so that a test sees which resources are in flight together and decides
/// the order they finish in, without timing anything.
/// </summary>
public static class TestGate
{
    public const string Type = "Test::Gate";

    /// <summary>The declaration of a Test::Gate resource that waits for <paramref name="dependsOn"/>.</summary>
    public static JsonObject Declaration(params string[] dependsOn) => new()
    {
        ["Type"] = Type,
        ["DependsOn"] = new JsonArray([.. dependsOn.Select(id => (JsonNode?)JsonValue.Create(id))]),
        ["Properties"] = new JsonObject(),
    };
}
