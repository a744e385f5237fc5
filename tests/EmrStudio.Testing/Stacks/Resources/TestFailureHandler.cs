using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// <c>Test::Failure</c>: a resource that fails on demand, to force a rollback at a chosen point. <c>FailOn</c> lists
/// the request types that fail (comma-separated: Create, Update, Delete); <c>FailDuring</c>, if set, limits the
/// failures to those stack statuses. Any other property (a <c>Revision</c>, say) only serves to make it change.
/// </summary>
internal sealed class TestFailureHandler : IResourceHandler
{
    public const string Type = "Test::Failure";

    public Task<ResourceOutcome> CreateAsync(ResourceRequest request) =>
        Task.FromResult(Fails(request, "Create") ?? ResourceOutcome.Success(PhysicalNames.Generate(request.Stack.Name, request.LogicalId, 64)));

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request) =>
        Task.FromResult(Fails(request, "Update") ?? ResourceOutcome.Success(request.PhysicalId!));

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request) =>
        Task.FromResult(Fails(request, "Delete") ?? ResourceOutcome.Success(request.PhysicalId!));

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) => false;

    /// <summary>The declaration of a Test::Failure resource, optionally depending on <paramref name="dependsOn"/>.</summary>
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

    private static ResourceOutcome? Fails(ResourceRequest request, string requestType)
    {
        var properties = request.Properties;
        var failOn = (properties["FailOn"]?.GetValue<string>() ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        var during = properties["FailDuring"]?.GetValue<string>()?.Split(',', StringSplitOptions.TrimEntries);
        var status = request.Stack.Status;
        return failOn.Contains(requestType) && (during is null || during.Contains(status))
            ? ResourceOutcome.Failure($"Test::Failure {request.LogicalId} fails on {requestType} as asked (stack {status}).", request.PhysicalId)
            : null;
    }
}
