using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>AWS::IAM::Role: Ref is the role name, Fn::GetAtt Arn and RoleId; RoleName and Path replace.</summary>
internal sealed class IamRoleHandler(SimulatedIam iam) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        var name = PhysicalNames.NameOrGenerated(request.Properties, "RoleName", request, 64);
        if (iam.RoleExists(name))
        {
            return Task.FromResult(ResourceOutcome.Failure($"Role with name {name} already exists."));
        }

        iam.PutRole(name, request.Properties);
        return Task.FromResult(Outcome(name, request.Properties));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request)
    {
        iam.PutRole(request.PhysicalId!, request.Properties);
        return Task.FromResult(Outcome(request.PhysicalId!, request.Properties));
    }

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        iam.RemoveRole(request.PhysicalId!);
        return Task.FromResult(ResourceOutcome.Success(request.PhysicalId!));
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) =>
        ReplacementRules.AnyChanged(oldProperties, newProperties, "RoleName", "Path");

    private ResourceOutcome Outcome(string name, JsonObject properties) =>
        ResourceOutcome.Success(name, attributes: new JsonObject
        {
            ["Arn"] = iam.RoleArn(properties, name),
            ["RoleId"] = "AROA" + Math.Abs(name.GetHashCode(StringComparison.Ordinal)).ToString("D16", System.Globalization.CultureInfo.InvariantCulture),
        });
}
