using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>AWS::IAM::Policy: a document attached to roles (users and groups are not simulated); Ref is a generated id.</summary>
internal sealed class IamPolicyHandler(SimulatedIam iam) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        Check(request.Properties);
        var id = PhysicalNames.Generate(request.Stack.Name, request.LogicalId, 64);
        iam.PutPolicy(id, request.Properties);
        return Task.FromResult(ResourceOutcome.Success(id, attributes: new JsonObject { ["Id"] = id }));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request)
    {
        Check(request.Properties);
        iam.PutPolicy(request.PhysicalId!, request.Properties);
        return Task.FromResult(ResourceOutcome.Success(request.PhysicalId!, attributes: new JsonObject { ["Id"] = request.PhysicalId! }));
    }

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        iam.RemovePolicy(request.PhysicalId!);
        return Task.FromResult(ResourceOutcome.Success(request.PhysicalId!));
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) => false;

    private static void Check(JsonObject properties)
    {
        if (properties["Users"] is not null || properties["Groups"] is not null)
        {
            throw new NotSupportedException("AWS::IAM::Policy attached to users or groups is not simulated (roles only).");
        }
    }
}
