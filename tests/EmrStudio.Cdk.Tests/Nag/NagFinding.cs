namespace EmrStudio.Cdk.Tests.Nag;

/// <summary>A finding: the rule (with the finding in brackets, such as <c>AwsSolutions-IAM5[Resource::*]</c>), the resource's logical id, error or warning.</summary>
public sealed record NagFinding(string Rule, string LogicalId, string Severity);
