namespace EmrStudio.Testing.Stacks;

/// <summary>The simulated account's fixed facts: what the pseudo parameters resolve to.</summary>
public static class SimulatedAccountDefaults
{
    public const string Partition = "aws";
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string UrlSuffix = "amazonaws.com";

    /// <summary>The value of CDK's bootstrap version SSM parameter, which CDK's <c>CheckBootstrapVersion</c> rule reads.</summary>
    public const string CdkBootstrapVersion = "21";

    public const string CdkBootstrapVersionParameter = "/cdk-bootstrap/hnb659fds/version";
}
