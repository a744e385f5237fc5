using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.SessionMappingHandler.CustomResource.Request;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>CloudFormation events and property bags as the CloudFormation layer hands them to the provider.</summary>
internal static class MappingEvents
{
    public const string ServiceToken = "arn:aws:lambda:eu-west-1:123456789012:function:EmrStudioSessionMapping";

    /// <summary>A property bag; a null argument leaves that property out.</summary>
    public static JsonElement Properties(
        string? studioId = MappingWorld.Studio,
        string? identityType = "GROUP",
        string? identityId = null,
        string? identityName = MappingWorld.GroupName,
        string? sessionPolicyArn = MappingWorld.Policy,
        string? adoptExisting = null)
    {
        var bag = new JsonObject { ["ServiceToken"] = ServiceToken, ["ServiceTimeout"] = "300" };
        Add(bag, "StudioId", studioId);
        Add(bag, "IdentityType", identityType);
        Add(bag, "IdentityId", identityId);
        Add(bag, "IdentityName", identityName);
        Add(bag, "SessionPolicyArn", sessionPolicyArn);
        Add(bag, "AdoptExisting", adoptExisting);
        return Json(bag.ToJsonString());
    }

    public static JsonElement ById(
        string identityId, string identityType = "GROUP", string policy = MappingWorld.Policy, string studioId = MappingWorld.Studio, string? adoptExisting = null) =>
        Properties(studioId, identityType, identityId, null, policy, adoptExisting);

    public static JsonElement ByName(
        string identityName, string identityType = "GROUP", string policy = MappingWorld.Policy, string studioId = MappingWorld.Studio, string? adoptExisting = null) =>
        Properties(studioId, identityType, null, identityName, policy, adoptExisting);

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static CloudFormationRequest Create(JsonElement? properties) => Request("Create", null, properties, null);

    public static CloudFormationRequest Update(string? physicalResourceId, JsonElement? properties, JsonElement? oldProperties = null) =>
        Request("Update", physicalResourceId, properties, oldProperties ?? Properties());

    public static CloudFormationRequest Delete(string? physicalResourceId, JsonElement? properties = null) =>
        Request("Delete", physicalResourceId, properties ?? Properties(), null);

    public static CloudFormationRequest Request(string requestType, string? physicalResourceId, JsonElement? properties, JsonElement? oldProperties) => new()
    {
        RequestType = requestType,
        ResponseUrl = "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/x?X-Amz-Signature=secret",
        StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/analytics/11111111-2222-3333-4444-555555555555",
        RequestId = "5a8f0b5e-0000-4000-8000-000000000001",
        LogicalResourceId = "DataScientists",
        ResourceType = "Custom::EmrStudioSessionMapping",
        PhysicalResourceId = physicalResourceId,
        ResourceProperties = properties,
        OldResourceProperties = oldProperties,
    };

    /// <summary>
    /// <paramref name="request"/> as CloudFormation issues it: its own RequestId, and a ResponseURL signed at
    /// <paramref name="issuedAt"/> (its X-Amz-Date), which is how the handler orders one resource's events.
    /// </summary>
    public static CloudFormationRequest Issued(CloudFormationRequest request, string requestId, DateTimeOffset issuedAt) => request with
    {
        RequestId = requestId,
        ResponseUrl = "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/x?X-Amz-Date="
            + issuedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            + "&X-Amz-Signature=secret",
    };

    private static void Add(JsonObject bag, string name, string? value)
    {
        if (value is not null)
        {
            bag[name] = value;
        }
    }
}
