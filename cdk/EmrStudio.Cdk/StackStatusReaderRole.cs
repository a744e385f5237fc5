using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EmrStudio.Cdk.Internal;

namespace EmrStudio.Cdk;

/// <summary>
/// The read-only role, in an account whose stacks a handler of another account serves (one of its
/// <see cref="StudioSessionMappingHandlerOptions.TrustedStackAccounts"/>), through which that handler asks about this
/// account's stacks: it trusts the handler's role alone and allows <c>cloudformation:DescribeStacks</c> on this
/// account's stacks, nothing else. The handler assumes it when
/// <see cref="StudioSessionMappingHandlerOptions.StackStatusRoleName"/> names it.
/// </summary>
/// <example>
/// <code>
/// new StackStatusReaderRole(this, "StackStatusReader", new StackStatusReaderRoleProps
/// {
///     HandlerRoleArn = "arn:aws:iam::111122223333:role/emrstudio-session-mapping-handler-HandlerRole-ABC123",
/// });
/// </code>
/// </example>
public sealed class StackStatusReaderRole : Construct
{
    /// <summary>Defines the role.</summary>
    /// <param name="scope">The parent construct, in the stack's (trusted) account.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The handler's role, and optionally the role's name and regions.</param>
    /// <exception cref="StudioSessionMappingValidationException">A literal value breaks IAM's rules; the message names the construct path and the property.</exception>
    public StackStatusReaderRole(Construct scope, string id, StackStatusReaderRoleProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var path = Node.Path;
        var handlerRoleArn = props.HandlerRoleArn ?? throw Validation.Missing(path, "HandlerRoleArn");
        if (!Token.IsUnresolved(handlerRoleArn) && !AwsShapes.IsRoleArn(handlerRoleArn))
        {
            throw Validation.Error(path, "HandlerRoleArn", $"must be an IAM role ARN arn:<partition>:iam::<12-digit account>:role/<path><name> (got '{Validation.Printable(handlerRoleArn)}').");
        }

        RoleName = props.RoleName is { } name ? HandlerOptionsValidation.StackStatusRoleName(path, name) : HandlerDefaults.StackStatusReaderRoleName;
        var regions = props.Regions is { Count: > 0 } given ? given.Select(r => AwsShapes.Region(path, r)).Distinct(StringComparer.Ordinal).ToArray() : [Aws.REGION];

        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = RoleName,
            AssumedBy = new ArnPrincipal(handlerRoleArn),
            Description = "Lets the EMR Studio session mapping handler of another account read this account's stack status.",
            PermissionsBoundary = props.PermissionsBoundary,
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                ["StackStatus"] = new(new PolicyDocumentProps
                {
                    Statements =
                    [
                        new PolicyStatement(new PolicyStatementProps
                        {
                            Sid = "StackStatus",
                            Actions = [.. HandlerDefaults.StackStatusActions],
                            Resources = [.. regions.Select(StacksArn)],
                        }),
                    ],
                }),
            },
        });
        ((CfnRole)Role.Node.DefaultChild!).AddMetadata(NagSuppressions.MetadataKey, NagSuppressions.ForStackStatusReader(regions.Select(StacksArnTemplate)));
    }

    /// <summary>The role.</summary>
    public Role Role { get; }

    /// <summary>The role's name: what the handler's <c>StackStatusRoleName</c> must be.</summary>
    public string RoleName { get; }

    private static string StacksArnTemplate(string region) =>
        Token.IsUnresolved(region) ? HandlerPolicy.AllStacksArn : HandlerPolicy.AllStacksArn.Replace("${AWS::Region}", region, StringComparison.Ordinal);

    private static string StacksArn(string region) => Fn.Sub(StacksArnTemplate(region));
}
