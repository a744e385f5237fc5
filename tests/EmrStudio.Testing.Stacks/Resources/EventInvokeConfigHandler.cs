using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Lambda;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>AWS::Lambda::EventInvokeConfig for a function's $LATEST: what retries Lambda makes of asynchronous invocations.</summary>
internal sealed class EventInvokeConfigHandler(SimulatedLambda lambda) : IResourceHandler
{
    public static string FunctionNameOf(JsonObject properties)
    {
        var name = properties["FunctionName"]?.GetValue<string>() ?? throw new NotSupportedException("EventInvokeConfig without FunctionName.");
        return name.StartsWith("arn:", StringComparison.Ordinal) ? name[(name.LastIndexOf(':') + 1)..] : name;
    }

    public Task<ResourceOutcome> CreateAsync(ResourceRequest request) => Task.FromResult(Put(request, PhysicalNames.Generate(request.Stack.Name, request.LogicalId, 64)));

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request) => Task.FromResult(Put(request, request.PhysicalId!));

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        lambda.RemoveInvokeConfig(FunctionNameOf(request.Properties));
        return Task.FromResult(ResourceOutcome.Success(request.PhysicalId!));
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) =>
        ReplacementRules.AnyChanged(oldProperties, newProperties, "FunctionName", "Qualifier");

    private ResourceOutcome Put(ResourceRequest request, string physicalId)
    {
        if (request.Properties["Qualifier"]?.GetValue<string>() != "$LATEST")
        {
            throw new NotSupportedException($"{request.LogicalId}: only the $LATEST qualifier is simulated.");
        }

        var function = FunctionNameOf(request.Properties);
        if (!lambda.FunctionExists(function))
        {
            return ResourceOutcome.Failure($"The function {function} doesn't exist.");
        }

        lambda.PutInvokeConfig(function, request.Properties);
        return ResourceOutcome.Success(physicalId);
    }
}
