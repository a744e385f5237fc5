namespace EmrStudio.Testing.CloudFormationApi;

/// <summary>One request to the CloudFormation fake and what it was answered: a stack status, or an error code.</summary>
public sealed record FakeCloudFormationRequest(
    IReadOnlyDictionary<string, string> Parameters,
    string? AccessKeyId,
    DateTimeOffset ReceivedAt,
    int StatusCode,
    string Answer);
