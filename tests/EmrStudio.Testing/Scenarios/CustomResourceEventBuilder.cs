using System.Text.Json.Nodes;
using EmrStudio.Testing.CloudFormation;

namespace EmrStudio.Testing.Scenarios;

/// <summary>
/// Builds CloudFormation custom-resource events shaped like the real ones, each with its own ResponseURL from the
/// receiver (which then expects the answer to echo exactly this event's StackId, RequestId and LogicalResourceId).
/// </summary>
public sealed class CustomResourceEventBuilder
{
    public const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";
    public const string ServiceToken = "arn:aws:lambda:us-east-1:123456789012:function:session-mapping";
    public const string ResourceType = "Custom::EmrStudioSessionMapping";
    public const string DefaultLogicalResourceId = "DataScientists";

    private readonly ResponseUrlReceiver _receiver;

    public CustomResourceEventBuilder(ResponseUrlReceiver receiver) => _receiver = receiver;

    /// <summary>ResourceProperties as CloudFormation delivers them: every value a string, ServiceToken included.</summary>
    public static JsonObject Properties(string studioId, string identityType, string policyArn, string? identityName = null, string? identityId = null)
    {
        var properties = new JsonObject
        {
            ["ServiceToken"] = ServiceToken,
            ["StudioId"] = studioId,
            ["IdentityType"] = identityType,
        };
        if (identityName is not null)
        {
            properties["IdentityName"] = identityName;
        }

        if (identityId is not null)
        {
            properties["IdentityId"] = identityId;
        }

        properties["SessionPolicyArn"] = policyArn;
        return properties;
    }

    public CustomResourceEvent Create(JsonObject properties, string logicalResourceId = DefaultLogicalResourceId, string stackId = StackId, DateTimeOffset? issuedAt = null) =>
        Build("Create", properties, logicalResourceId, physicalResourceId: null, oldProperties: null, stackId, issuedAt);

    public CustomResourceEvent Update(string physicalResourceId, JsonObject properties, JsonObject oldProperties, string logicalResourceId = DefaultLogicalResourceId) =>
        Build("Update", properties, logicalResourceId, physicalResourceId, oldProperties);

    public CustomResourceEvent Delete(string physicalResourceId, JsonObject properties, string logicalResourceId = DefaultLogicalResourceId, string stackId = StackId) =>
        Build("Delete", properties, logicalResourceId, physicalResourceId, oldProperties: null, stackId);

    /// <summary>
    /// Any event: <paramref name="requestType"/> and the property bag as given, the rest filled in; its ResponseURL
    /// signed at <paramref name="issuedAt"/> (now, unless told otherwise).
    /// </summary>
    public CustomResourceEvent Build(
        string requestType,
        JsonNode? properties,
        string logicalResourceId,
        string? physicalResourceId,
        JsonNode? oldProperties,
        string stackId = StackId,
        DateTimeOffset? issuedAt = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var url = _receiver.CreateResponseUrl(stackId, requestId, logicalResourceId, issuedAt);
        var body = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ServiceToken"] = ServiceToken,
            ["ResponseURL"] = url,
            ["StackId"] = stackId,
            ["RequestId"] = requestId,
            ["ResourceType"] = ResourceType,
            ["LogicalResourceId"] = logicalResourceId,
        };
        if (physicalResourceId is not null)
        {
            body["PhysicalResourceId"] = physicalResourceId;
        }

        body["ResourceProperties"] = properties?.DeepClone();
        if (oldProperties is not null)
        {
            body["OldResourceProperties"] = oldProperties.DeepClone();
        }

        return new CustomResourceEvent(body.ToJsonString(), NewLambdaRequestId(), url, ExpectsAnswer: true);
    }

    /// <summary>A body the handler cannot answer (not JSON, no ResponseURL, ...): it must report an error to Lambda.</summary>
    public static CustomResourceEvent Unanswerable(string body) => new(body, NewLambdaRequestId(), ResponseUrl: null, ExpectsAnswer: false);

    public static string NewLambdaRequestId() => Guid.NewGuid().ToString();
}
