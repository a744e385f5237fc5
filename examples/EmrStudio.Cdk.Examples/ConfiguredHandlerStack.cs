using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace EmrStudio.Cdk.Examples;

/// <summary>
/// The shared handler configured once for the stack (a boundary and a path for its role, debug logs kept three
/// months, tags, one studio, a second account's stacks), and the invoke permission for those who deploy.
/// </summary>
internal sealed class ConfiguredHandlerStack : Stack
{
    public const string OtherAccount = "111122223333";

    public ConfiguredHandlerStack(Construct scope, string id)
        : base(scope, id)
    {
        var handlerOptions = new StudioSessionMappingHandlerOptions
        {
            LogLevel = ApplicationLogLevel.DEBUG,
            LogRetention = RetentionDays.THREE_MONTHS,
            PermissionsBoundary = ManagedPolicy.FromManagedPolicyName(this, "Boundary", "DeveloperBoundary"),
            RolePath = "/emr-studio/",
            Tags = new Dictionary<string, string> { ["cost-center"] = "data-platform" },
            Studios = [ExampleStacks.StudioId],
            TrustedStackAccounts = [OtherAccount],
        };

        // Options on one mapping apply to the stack's one handler; the other mapping needs none.
        var analysts = new StudioSessionMapping(this, "Analysts", new StudioSessionMappingProps
        {
            StudioId = ExampleStacks.StudioId,
            Identity = StudioIdentity.Group("analysts"),
            SessionPolicy = "arn:aws:iam::123456789012:policy/EmrStudioAnalyst",
            HandlerOptions = handlerOptions,
        });
        _ = new StudioSessionMapping(this, "Engineers", new StudioSessionMappingProps
        {
            StudioId = ExampleStacks.StudioId,
            Identity = StudioIdentity.Group("engineers"),
            SessionPolicy = "arn:aws:iam::123456789012:policy/EmrStudioEngineer",
        });

        // Deploying a stack that uses the handler's ServiceToken needs lambda:InvokeFunction on it: grant it to the
        // deployment role here, and to the trusted account (a resource-based permission on the function).
        var deployments = new Role(this, "Deployments", new RoleProps
        {
            AssumedBy = new AccountRootPrincipal(),
            Description = "Deploys the stacks that declare Custom::EmrStudioSessionMapping with this handler.",
        });
        analysts.GrantInvokeHandler(deployments);
        analysts.GrantInvokeHandler(new AccountPrincipal(OtherAccount));

        _ = new CfnOutput(this, "ServiceToken", new CfnOutputProps
        {
            Value = analysts.ServiceToken,
            ExportName = "EmrStudioExamplesServiceToken",
        });
    }
}
