using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.CustomResource.Request;

/// <summary>
/// A custom-resource event as CloudFormation sends it. Produced by the request parser, which
/// accepts any JSON: members of the wrong type arrive here as null, and the property bags stay raw JSON so that the
/// mapping layer can name the offending property.
/// </summary>
internal sealed record CloudFormationRequest
{
    public required string RequestType { get; init; }

    public required string ResponseUrl { get; init; }

    public required string StackId { get; init; }

    public required string RequestId { get; init; }

    public required string LogicalResourceId { get; init; }

    public string? ResourceType { get; init; }

    public string? PhysicalResourceId { get; init; }

    /// <summary>The raw <c>ResourceProperties</c> member (any JSON kind), or null when absent.</summary>
    public JsonElement? ResourceProperties { get; init; }

    /// <summary>The raw <c>OldResourceProperties</c> member (Update only), or null when absent.</summary>
    public JsonElement? OldResourceProperties { get; init; }
}
