using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;

namespace EmrStudio.Cdk;

/// <summary>
/// The settings of the stack's one shared handler (its function, role and log group). A stack has one handler, so it
/// has one set of options: give them to one mapping, or the same options to several; two mappings of a stack with
/// different options fail the synth. Every member is optional; an unset member keeps the default named on it.
/// </summary>
/// <example>
/// <code>
/// HandlerOptions = new StudioSessionMappingHandlerOptions
/// {
///     LogLevel = ApplicationLogLevel.DEBUG,
///     PermissionsBoundary = ManagedPolicy.FromManagedPolicyName(this, "Boundary", "DeveloperBoundary"),
///     RolePath = "/emr-studio/",
/// }
/// </code>
/// </example>
public sealed class StudioSessionMappingHandlerOptions
{
    /// <summary>The function's memory in MB, 128 to 10240; default 128 (the handler needs about 30).</summary>
    public int? MemorySize { get; init; }

    /// <summary>How long the handler's log group keeps its events; default <see cref="RetentionDays.ONE_MONTH"/>.</summary>
    public RetentionDays? LogRetention { get; init; }

    /// <summary>What happens to the log group when the handler leaves the stack: <see cref="RemovalPolicy.DESTROY"/> (the default) or <see cref="RemovalPolicy.RETAIN"/>.</summary>
    public RemovalPolicy? LogRemovalPolicy { get; init; }

    /// <summary>The lowest level of the handler's log lines that Lambda keeps (the function's <c>ApplicationLogLevel</c>); default <see cref="ApplicationLogLevel.INFO"/>.</summary>
    public ApplicationLogLevel? LogLevel { get; init; }

    /// <summary>A permissions boundary for the handler's role; default none.</summary>
    public IManagedPolicy? PermissionsBoundary { get; init; }

    /// <summary>The IAM path of the handler's role, such as <c>/emr-studio/</c>; default <c>/</c>.</summary>
    public string? RolePath { get; init; }

    /// <summary>Tags for the handler's function, role and log group, besides those of the stack; default none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>
    /// The subnets to run the handler in; default none (the handler runs outside any VPC). They must reach the EMR,
    /// CloudFormation and CloudWatch Logs endpoints and S3 (the answer to CloudFormation), through a NAT gateway or
    /// VPC endpoints. Requires <see cref="SecurityGroups"/>; the role then also gets the network interface actions.
    /// </summary>
    public IReadOnlyList<ISubnet>? VpcSubnets { get; init; }

    /// <summary>
    /// The security groups of the handler's network interfaces, with outbound HTTPS allowed; default none (the handler
    /// runs outside any VPC). Required with <see cref="VpcSubnets"/>, and only with them.
    /// </summary>
    public IReadOnlyList<ISecurityGroup>? SecurityGroups { get; init; }

    /// <summary>
    /// The only studios whose mappings the role may manage; default every studio of the stack's account and region
    /// (<c>studio/*</c>). The role is updated before the mappings, and CloudFormation deletes replaced mappings last:
    /// a studio stays needed until no mapping on it is left, also across a rollback. Remove a studio from this list
    /// only in a deployment after the one that removed its last mapping.
    /// </summary>
    public IReadOnlyList<StudioReference>? Studios { get; init; }

    /// <summary>
    /// Accounts (12-digit ids) whose stacks may use this handler through its ServiceToken, besides the stack's own;
    /// default none. Each such account also needs <c>lambda:InvokeFunction</c> on the function
    /// (<see cref="StudioSessionMapping.GrantInvokeHandler"/> with an <c>AccountPrincipal</c>).
    /// </summary>
    public IReadOnlyList<string>? TrustedStackAccounts { get; init; }

    /// <summary>
    /// The name of a role in each of the <see cref="TrustedStackAccounts"/> that the handler assumes to ask about that
    /// account's stacks (<c>cloudformation:DescribeStacks</c>, before it restores a mapping during a rollback); default
    /// none, and such a restore then fails safe. The handler's role may assume that role name in the trusted accounts
    /// only. <see cref="StackStatusReaderRole"/> creates the role in a trusted account.
    /// </summary>
    public string? StackStatusRoleName { get; init; }

    /// <summary>
    /// How often the reconcile runs, in whole minutes (an EventBridge rate); default one hour. Each run re-applies the
    /// desired state that the record table holds (or only reports drift, see <see cref="ReconcileMode"/>).
    /// </summary>
    public Duration? ReconcileInterval { get; init; }

    /// <summary>
    /// What the scheduled reconcile does about drift: <see cref="Cdk.ReconcileMode.Repair"/> (the default),
    /// <see cref="Cdk.ReconcileMode.Report"/>, or <see cref="Cdk.ReconcileMode.Off"/> for no schedule at all.
    /// </summary>
    public ReconcileMode? ReconcileMode { get; init; }

    /// <summary>
    /// What happens to the record table, which holds each mapping's desired state, when it leaves the stack:
    /// <see cref="RemovalPolicy.RETAIN"/> (the default) or <see cref="RemovalPolicy.DESTROY"/>.
    /// </summary>
    public RemovalPolicy? RecordTableRemovalPolicy { get; init; }
}
