namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>The body PUT to the ResponseURL.</summary>
internal sealed record CloudFormationResponse
{
    public required string Status { get; init; }

    public string? Reason { get; init; }

    public required string PhysicalResourceId { get; init; }

    public required string StackId { get; init; }

    public required string RequestId { get; init; }

    public required string LogicalResourceId { get; init; }

    public Dictionary<string, string>? Data { get; init; }
}
