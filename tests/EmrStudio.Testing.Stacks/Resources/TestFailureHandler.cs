using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>Plays <see cref="TestFailure"/>: fails the request types and stack statuses its properties name.</summary>
internal sealed class TestFailureHandler : IResourceHandler
{
    public const string Type = TestFailure.Type;

    public Task<ResourceOutcome> CreateAsync(ResourceRequest request) =>
        Task.FromResult(Fails(request, "Create") ?? ResourceOutcome.Success(PhysicalNames.Generate(request.Stack.Name, request.LogicalId, 64)));

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request) =>
        Task.FromResult(Fails(request, "Update") ?? ResourceOutcome.Success(request.PhysicalId!));

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request) =>
        Task.FromResult(Fails(request, "Delete") ?? ResourceOutcome.Success(request.PhysicalId!));

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) => false;

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
