using Amazon.CDK;
using Constructs;

namespace EmrStudio.Cdk.Examples;

/// <summary>
/// The organization's rollout, in a stack of the management account (or a CloudFormation delegated administrator):
/// one StackSet deploys the handler and two mappings to every account of an organizational unit, in two regions. The
/// studio and the data scientists' policy are named by name, so each account's handler finds its own; the handler
/// only reports drift.
/// </summary>
internal sealed class OrganizationRolloutStack : Stack
{
    public const string OrganizationalUnitId = "ou-ab12-34cd56ef";

    public const string CodeBucketPrefix = "example-org-emrstudio-code";

    public OrganizationRolloutStack(Construct scope, string id)
        : base(scope, id)
    {
        StackSet = new StudioSessionMappingStackSet(this, "Analytics", new StudioSessionMappingStackSetProps
        {
            StackSetName = "emrstudio-analytics-mappings",
            OrganizationalUnitIds = [OrganizationalUnitId],
            Regions = ["eu-west-1", "us-east-1"],
            // The code publisher's buckets: example-org-emrstudio-code-eu-west-1 and -us-east-1.
            CodeBucketPrefix = CodeBucketPrefix,
            Mappings = new Dictionary<string, StudioSessionMappingProps>
            {
                ["DataScientists"] = new()
                {
                    StudioId = StudioReference.FromName("analytics"),
                    Identity = StudioIdentity.Group("data-scientists"),
                    SessionPolicy = SessionPolicyReference.FromName("EmrStudioDataScientist"),
                },
                ["Engineers"] = new()
                {
                    StudioId = StudioReference.FromName("analytics"),
                    Identity = StudioIdentity.Group("engineers"),
                    SessionPolicy = SessionPolicyReference.FromName("team/EmrStudioEngineer"),
                },
            },
            HandlerOptions = new StudioSessionMappingHandlerOptions { ReconcileMode = ReconcileMode.Report },
            AutoDeployment = new StackSetAutoDeployment { Enabled = true, RetainStacksOnAccountRemoval = false },
            OperationPreferences = new StackSetOperationPreferences
            {
                MaxConcurrentPercentage = 25,
                FailureTolerancePercentage = 10,
                RegionConcurrency = StackSetRegionConcurrency.Parallel,
            },
        });
    }

    /// <summary>The StackSet, whose <see cref="StudioSessionMappingStackSet.MemberTemplate"/> each account receives.</summary>
    public StudioSessionMappingStackSet StackSet { get; }
}
