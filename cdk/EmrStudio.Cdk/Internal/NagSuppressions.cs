namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The cdk-nag suppressions of the handler's role, as the <c>cdk_nag</c> resource metadata that cdk-nag reads
/// (<c>rules_to_suppress</c>: <c>id</c>, <c>reason</c>, <c>applies_to</c>): one per wildcard resource the role really
/// has, each with why it cannot be narrower. No action wildcard exists, so none is suppressed.
/// </summary>
internal static class NagSuppressions
{
    public const string MetadataKey = "cdk_nag";

    public const string WildcardRuleId = "AwsSolutions-IAM5";

    private const string IdentityCenterReason =
        "The IAM Identity Center and Organizations actions that EMR performs for the handler, and EMR's ListStudios and ListStudioSessionMappings " +
        "(each named, no action wildcard), take no resource: IAM accepts only '*' for them.";

    private const string VpcReason =
        " The EC2 network interface actions that attach the function to its VPC act on interfaces that do not exist yet, and the Describe actions take no resource.";

    private const string StudiosReason =
        "Every studio of the account and region: the role is updated before the mappings and CloudFormation deletes replaced mappings last, " +
        "so a role limited to the current studios would deny moving a mapping, removing a studio's last mapping, and their rollbacks. HandlerOptions.Studios narrows it.";

    private const string StacksReason =
        "cloudformation:DescribeStacks on the account's and region's stacks: the handler asks for the status of whichever stack sent the event, known only at run time.";

    /// <summary>The metadata value for the role of a handler with <paramref name="settings"/>.</summary>
    public static Dictionary<string, object> ForRole(HandlerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rules = new List<object>
        {
            Rule(settings.InVpc ? IdentityCenterReason + VpcReason : IdentityCenterReason, "*"),
            Rule(StacksReason, HandlerPolicy.AllStacksArn),
        };
        if (settings.StudioIds.Count == 0)
        {
            rules.Insert(1, Rule(StudiosReason, HandlerPolicy.AllStudiosArn));
        }

        return new Dictionary<string, object> { ["rules_to_suppress"] = rules.ToArray() };
    }

    private const string ReaderStacksReason =
        "cloudformation:DescribeStacks on this account's stacks in the handlers' regions: the handler of another account asks for the status of whichever stack sent it an event, known only at run time.";

    /// <summary>The metadata value for a <see cref="StackStatusReaderRole"/> whose policy names <paramref name="stackArns"/>.</summary>
    public static Dictionary<string, object> ForStackStatusReader(IEnumerable<string> stackArns) =>
        new() { ["rules_to_suppress"] = stackArns.Select(arn => (object)Rule(ReaderStacksReason, arn)).ToArray() };

    /// <summary>cdk-nag's finding id for a resource: <c>Resource::</c> and the ARN with <c>${X}</c> written <c>&lt;X&gt;</c>.</summary>
    public static string ResourceFinding(string resource) =>
        "Resource::" + resource.Replace("${", "<", StringComparison.Ordinal).Replace("}", ">", StringComparison.Ordinal);

    private static Dictionary<string, object> Rule(string reason, string resource) =>
        new()
        {
            ["id"] = WildcardRuleId,
            ["reason"] = reason,
            ["applies_to"] = new[] { ResourceFinding(resource) },
        };
}
