using System.Text.Json.Nodes;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.Testing.Emr;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// The native <c>AWS::EMR::StudioSessionMapping</c>, against the same EMR state: by name only, primary identifier
/// <c>StudioId|IdentityType|IdentityName</c>, SessionPolicyArn updated in place, the rest replacing. It runs with the
/// deployer's permissions, so the handler role's policy is not consulted.
/// </summary>
internal sealed class NativeSessionMappingHandler(FakeEmr emr) : IResourceHandler
{
    public const string Type = "AWS::EMR::StudioSessionMapping";

    public Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        var result = emr.Call("CreateStudioSessionMapping", Input(request.Properties, withPolicy: true), Source(request));
        return Task.FromResult(result.Succeeded
            ? ResourceOutcome.Success(PrimaryIdentifier(request.Properties))
            : ResourceOutcome.Failure($"{result.Message} (Service: Emr, Status Code: {result.StatusCode}, Error Code: {result.ErrorType})"));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request)
    {
        var result = emr.Call("UpdateStudioSessionMapping", Input(request.Properties, withPolicy: true), Source(request));
        return Task.FromResult(result.Succeeded
            ? ResourceOutcome.Success(request.PhysicalId!)
            : ResourceOutcome.Failure($"{result.Message} (Service: Emr, Status Code: {result.StatusCode})", request.PhysicalId));
    }

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        var result = emr.Call("DeleteStudioSessionMapping", Input(request.Properties, withPolicy: false), Source(request));
        // A mapping already gone is what the delete wanted: CloudFormation's handlers treat NotFound as success.
        return Task.FromResult(result.Succeeded || result.Message is EmrErrors.MappingNotFound or EmrErrors.StudioNotFound
            ? ResourceOutcome.Success(request.PhysicalId!)
            : ResourceOutcome.Failure($"{result.Message} (Service: Emr, Status Code: {result.StatusCode})", request.PhysicalId));
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) =>
        ReplacementRules.AnyChanged(oldProperties, newProperties, "StudioId", "IdentityType", "IdentityName");

    private static string PrimaryIdentifier(JsonObject properties) =>
        $"{properties["StudioId"]}|{properties["IdentityType"]}|{properties["IdentityName"]}";

    private static string Source(ResourceRequest request) => $"{Type} {request.Stack.Name}/{request.LogicalId}";

    private static JsonObject Input(JsonObject properties, bool withPolicy)
    {
        foreach (var (name, _) in properties)
        {
            if (name is not ("StudioId" or "IdentityType" or "IdentityName" or "SessionPolicyArn"))
            {
                throw new NotSupportedException($"{Type} has no property {name} (IdentityName only: the native resource takes no IdentityId).");
            }
        }

        var input = new JsonObject
        {
            ["StudioId"] = properties["StudioId"]?.DeepClone(),
            ["IdentityType"] = properties["IdentityType"]?.DeepClone(),
            ["IdentityName"] = properties["IdentityName"]?.DeepClone(),
        };
        if (withPolicy)
        {
            input["SessionPolicyArn"] = properties["SessionPolicyArn"]?.DeepClone();
        }

        return input;
    }
}
