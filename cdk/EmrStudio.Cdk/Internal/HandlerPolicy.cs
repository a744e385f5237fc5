using Amazon.CDK;
using Amazon.CDK.AWS.IAM;

namespace EmrStudio.Cdk.Internal;

/// <summary>The handler role's one inline policy, from <see cref="HandlerDefaults"/>'s actions and the stack's settings.</summary>
internal static class HandlerPolicy
{
    public const string PolicyName = "SessionMappingHandler";

    /// <summary>Every studio of the stack's account and region (what the role needs by default, see <see cref="StudioSessionMappingHandlerOptions.Studios"/>).</summary>
    public const string AllStudiosArn = "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:studio/*";

    /// <summary>Every stack of the account and region: the handler learns which stack asks only from the event.</summary>
    public const string AllStacksArn = "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*";

    /// <summary>The stack status role of a trusted account: the handler builds the same ARN from the stack's account.</summary>
    public const string StackStatusRoleArn = "arn:${AWS::Partition}:iam::${Account}:role/${RoleName}";

    private const string StudioArn = "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:studio/${StudioId}";

    public static PolicyDocument Document(HandlerSettings settings, string logGroupArn, string recordTableArn)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var statements = new List<PolicyStatement>
        {
            Allow("StudioSessionMappings", HandlerDefaults.StudioActions, StudioResources(settings)),
            // The Identity Center and Organizations APIs take no resource: "*" is the only resource they accept.
            Allow("IdentityCenter", HandlerDefaults.IdentityCenterActions, ["*"]),
            Allow("StackStatus", HandlerDefaults.StackStatusActions, [Fn.Sub(AllStacksArn)]),
            Allow("Logs", HandlerDefaults.LogActions, [logGroupArn]),
            // ListStudios and ListStudioSessionMappings take no resource either.
            Allow("StudioListing", HandlerDefaults.StudioListActions, ["*"]),
            Allow("Record", HandlerDefaults.RecordActions, [recordTableArn]),
        };
        if (settings.StackStatusRoleName is { } roleName && settings.TrustedStackAccounts.Count > 0)
        {
            // The named role in the trusted accounts only: the handler assumes it for those accounts' stacks alone.
            statements.Add(Allow("StackStatusRole", HandlerDefaults.StackStatusRoleActions, [.. settings.TrustedStackAccounts.Distinct(StringComparer.Ordinal).Select(a => StackStatusRole(a, roleName))]));
        }
        if (settings.InVpc)
        {
            // Inline rather than AWSLambdaVPCAccessExecutionRole, which would also grant logs on every log group.
            statements.Add(Allow("VpcNetworkInterfaces", HandlerDefaults.VpcNetworkInterfaceActions, ["*"]));
        }

        return new PolicyDocument(new PolicyDocumentProps { Statements = [.. statements] });
    }

    /// <summary>The stack status role's ARN in <paramref name="account"/>.</summary>
    public static string StackStatusRole(string account, string roleName) =>
        Token.IsUnresolved(account) || Token.IsUnresolved(roleName)
            ? Fn.Sub(StackStatusRoleArn, new Dictionary<string, string> { ["Account"] = account, ["RoleName"] = roleName })
            : Fn.Sub(StackStatusRoleArn.Replace("${Account}", account, StringComparison.Ordinal).Replace("${RoleName}", roleName, StringComparison.Ordinal));

    private static string[] StudioResources(HandlerSettings settings) =>
        settings.StudioIds.Count == 0
            ? [Fn.Sub(AllStudiosArn)]
            : [.. settings.StudioIds.Distinct(StringComparer.Ordinal).Select(StudioResource)];

    /// <summary>A literal id goes into the ARN as it is; a token through a Sub variable, which CloudFormation resolves.</summary>
    private static string StudioResource(string studioId) =>
        Token.IsUnresolved(studioId)
            ? Fn.Sub(StudioArn, new Dictionary<string, string> { ["StudioId"] = studioId })
            : Fn.Sub(StudioArn.Replace("${StudioId}", studioId, StringComparison.Ordinal));

    private static PolicyStatement Allow(string sid, IEnumerable<string> actions, string[] resources) =>
        new(new PolicyStatementProps { Sid = sid, Actions = [.. actions], Resources = resources });
}
