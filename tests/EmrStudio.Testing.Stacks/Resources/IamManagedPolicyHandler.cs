using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>AWS::IAM::ManagedPolicy: Ref is the policy's ARN, Fn::GetAtt PolicyArn; ManagedPolicyName and Path replace.</summary>
internal sealed class IamManagedPolicyHandler(SimulatedIam iam) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        var name = PhysicalNames.NameOrGenerated(request.Properties, "ManagedPolicyName", request, 128);
        var arn = iam.ManagedPolicyArn(request.Properties, name);
        iam.PutManagedPolicy(arn, request.Properties);
        return Task.FromResult(Outcome(arn));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request)
    {
        iam.PutManagedPolicy(request.PhysicalId!, request.Properties);
        return Task.FromResult(Outcome(request.PhysicalId!));
    }

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        iam.RemoveManagedPolicy(request.PhysicalId!);
        return Task.FromResult(ResourceOutcome.Success(request.PhysicalId!));
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) =>
        ReplacementRules.AnyChanged(oldProperties, newProperties, "ManagedPolicyName", "Path");

    private static ResourceOutcome Outcome(string arn) =>
        ResourceOutcome.Success(arn, attributes: new JsonObject { ["PolicyArn"] = arn, ["PolicyId"] = "ANPA" + arn.Length });
}
