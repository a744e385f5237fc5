using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Lambda;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>AWS::Lambda::Function: Ref is the name, Fn::GetAtt Arn; FunctionName replaces; the role must exist, as Lambda checks.</summary>
internal sealed class LambdaFunctionHandler(SimulatedLambda lambda, SimulatedIam iam) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        var name = PhysicalNames.NameOrGenerated(request.Properties, "FunctionName", request, 64);
        if (lambda.FunctionExists(name))
        {
            return Task.FromResult(ResourceOutcome.Failure($"Function already exist: {name}"));
        }

        return Task.FromResult(Put(name, request.Properties));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request) => Task.FromResult(Put(request.PhysicalId!, request.Properties));

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        lambda.RemoveFunction(request.PhysicalId!);
        return Task.FromResult(ResourceOutcome.Success(request.PhysicalId!));
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) =>
        ReplacementRules.AnyChanged(oldProperties, newProperties, "FunctionName");

    private ResourceOutcome Put(string name, JsonObject properties)
    {
        var role = properties["Role"]?.GetValue<string>() ?? string.Empty;
        var roleName = role[(role.LastIndexOf('/') + 1)..];
        if (!iam.RoleExists(roleName))
        {
            return ResourceOutcome.Failure("The role defined for the function cannot be assumed by Lambda.");
        }

        lambda.PutFunction(name, properties);
        return ResourceOutcome.Success(name, attributes: new JsonObject { ["Arn"] = lambda.FunctionArn(name) });
    }
}
