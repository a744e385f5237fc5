using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace EmrStudio.Cdk.Sample;

/// <summary>Maps a group and a user to one studio with a session policy defined here, and exports the handler for raw templates.</summary>
internal sealed class SessionMappingsStack : Stack
{
    public const string PlaceholderStudioId = "es-EXAMPLE0123456789ABCDEFGHI";

    /// <summary>The context key of the ServiceToken's export name (<c>cdk synth -c serviceTokenExportName=...</c>).</summary>
    public const string ExportNameContextKey = "serviceTokenExportName";

    /// <summary>Not template.yaml's export name, so that the sample and the raw-template handler can share an account and region.</summary>
    public const string DefaultServiceTokenExportName = "EmrStudioSessionMappingsSampleServiceToken";

    public const string PlaceholderWarningId = "EmrStudioSample:PlaceholderStudioId";

    public SessionMappingsStack(Construct scope, string id, string studioId, IStackProps props)
        : base(scope, id, props)
    {
        if (studioId == PlaceholderStudioId)
        {
            Annotations.Of(this).AddWarningV2(
                PlaceholderWarningId,
                $"studioId is the placeholder {PlaceholderStudioId}, which no account has: a deployment would fail. " +
                "Synthesize and deploy with -c studioId=<your studio's id> (es-...).");
        }

        var sessionPolicy = new ManagedPolicy(this, "DataScientistSessionPolicy", new ManagedPolicyProps
        {
            Description = "What a data scientist may do in EMR Studio sessions: attach to clusters and EMR Serverless, and use notebooks.",
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "UseClustersAndNotebooks",
                    Actions =
                    [
                        "elasticmapreduce:ListClusters", "elasticmapreduce:DescribeCluster", "elasticmapreduce:ListInstanceGroups",
                        "elasticmapreduce:ListInstances", "elasticmapreduce:ListSteps", "elasticmapreduce:DescribeStep",
                        "elasticmapreduce:ListBootstrapActions", "elasticmapreduce:ListRepositories", "elasticmapreduce:DescribeRepository",
                        "elasticmapreduce:CreateEditor", "elasticmapreduce:DescribeEditor", "elasticmapreduce:ListEditors",
                        "elasticmapreduce:StartEditor", "elasticmapreduce:StopEditor", "elasticmapreduce:OpenEditorInConsole",
                        "elasticmapreduce:AttachEditor", "elasticmapreduce:DetachEditor", "elasticmapreduce:DescribeStudio",
                        "elasticmapreduce:StartNotebookExecution", "elasticmapreduce:StopNotebookExecution",
                        "elasticmapreduce:DescribeNotebookExecution", "elasticmapreduce:ListNotebookExecutions",
                        "elasticmapreduce:GetClusterSessionCredentials", "elasticmapreduce:GetOnClusterAppUIPresignedURL",
                        "elasticmapreduce:CreatePersistentAppUI", "elasticmapreduce:DescribePersistentAppUI",
                        "elasticmapreduce:GetPersistentAppUIPresignedURL",
                    ],
                    Resources = ["*"],
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "UseEmrServerless",
                    Actions = ["emr-serverless:ListApplications", "emr-serverless:GetApplication", "emr-serverless:GetDashboardForJobRun"],
                    Resources = ["*"],
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "BrowseWorkspaceStorage",
                    Actions = ["s3:ListAllMyBuckets", "s3:GetBucketLocation"],
                    Resources = ["*"],
                }),
            ],
        });

        var dataScientists = new StudioSessionMapping(this, "DataScientists", new StudioSessionMappingProps
        {
            StudioId = studioId,
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = sessionPolicy,
        });

        var leadAnalyst = new StudioSessionMapping(this, "LeadAnalyst", new StudioSessionMappingProps
        {
            StudioId = studioId,
            Identity = StudioIdentity.User("lead.analyst@example.com"),
            SessionPolicy = sessionPolicy,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        _ = new CfnOutput(this, "DataScientistsIdentityId", new CfnOutputProps
        {
            Description = "The data-scientists group's Identity Store id.",
            Value = dataScientists.IdentityId,
        });
        _ = new CfnOutput(this, "LeadAnalystMappingId", new CfnOutputProps
        {
            Description = "The lead analyst's session mapping id.",
            Value = leadAnalyst.MappingId,
        });
        _ = new CfnOutput(this, "ServiceToken", new CfnOutputProps
        {
            Description = "The handler's ARN, for templates that declare Custom::EmrStudioSessionMapping themselves.",
            Value = dataScientists.ServiceToken,
            ExportName = Node.TryGetContext(ExportNameContextKey) as string ?? DefaultServiceTokenExportName,
        });
    }
}
