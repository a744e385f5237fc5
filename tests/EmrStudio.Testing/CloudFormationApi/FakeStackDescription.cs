namespace EmrStudio.Testing.CloudFormationApi;

/// <summary>A stack as DescribeStacks reports it at one moment.</summary>
public sealed record FakeStackDescription(string StackName, string StackId, DateTimeOffset CreationTime, DateTimeOffset? LastUpdatedTime, string StackStatus);
