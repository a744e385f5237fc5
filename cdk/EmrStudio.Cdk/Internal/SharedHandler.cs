using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The stack's one shared handler, which every <see cref="StudioSessionMapping"/> in it uses: the function, its role,
/// its log group and its event invoke configuration.
/// </summary>
internal sealed class SharedHandler : Construct
{
    /// <summary>The fixed construct id under the stack by which the singleton is found.</summary>
    public const string ConstructId = "EmrStudioSessionMappingHandler";

    private static readonly string[] LogActions = ["logs:CreateLogStream", "logs:PutLogEvents"];

    private readonly PolicyStatement _studioStatement;
    private readonly HashSet<string> _studioIds = new(StringComparer.Ordinal);

    private SharedHandler(Stack stack)
        : base(stack, ConstructId)
    {
        LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        // The L2 retention is an enum; the days come from HandlerDefaults, the one place that states them.
        ((CfnLogGroup)LogGroup.Node.DefaultChild!).RetentionInDays = HandlerDefaults.LogRetentionDays;

        _studioStatement = new PolicyStatement(new PolicyStatementProps
        {
            Sid = "SessionMappingsOnTheStacksStudios",
            Actions = [.. HandlerDefaults.StudioActions],
        });
        var policy = new PolicyDocument(new PolicyDocumentProps
        {
            Statements =
            [
                _studioStatement,
                new PolicyStatement(new PolicyStatementProps
                {
                    // The Identity Center APIs take no resource: "*" is the only resource they accept.
                    Sid = "IdentityCenterLookupsThatTakeNoResource",
                    Actions = [.. HandlerDefaults.IdentityCenterActions],
                    Resources = ["*"],
                }),
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "WriteOwnLogGroup",
                    Actions = LogActions,
                    Resources = [LogGroup.LogGroupArn],
                }),
            ],
        });

        // An explicit role with inline policies only: no AWS managed policy (the basic execution role grants logs on "*"),
        // and inline so that the permissions exist before the function, hence before any mapping, is created.
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "Runs the EMR Studio session mapping custom resource handler.",
            InlinePolicies = new Dictionary<string, PolicyDocument> { ["SessionMappingHandler"] = policy },
        });

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = "CloudFormation custom resource handler for Custom::EmrStudioSessionMapping.",
            Runtime = new Runtime(HandlerDefaults.Runtime, RuntimeFamily.OTHER),
            Architecture = Architecture.Custom(HandlerDefaults.Architecture),
            Handler = HandlerDefaults.Handler,
            Code = Code.FromAsset(HandlerAsset.FindDirectory()),
            MemorySize = HandlerDefaults.MemorySizeMb,
            Timeout = Duration.Seconds(HandlerDefaults.TimeoutSeconds),
            Role = Role,
            LogGroup = LogGroup,
            RetryAttempts = HandlerDefaults.MaximumRetryAttempts,
        });
        // The Function construct adds DependsOn its role, which the GetAtt of the role's ARN already implies (the
        // policies are inline, there is no separate policy to wait for): drop it so that the template lints clean.
        ((CfnResource)Function.Node.DefaultChild!).AddDeletionOverride("DependsOn");
    }

    /// <summary>The handler function.</summary>
    public Function Function { get; }

    /// <summary>The function's execution role.</summary>
    public Role Role { get; }

    /// <summary>The function's log group.</summary>
    public LogGroup LogGroup { get; }

    /// <summary>The custom resources' <c>ServiceToken</c>: the function's ARN.</summary>
    public string ServiceToken => Function.FunctionArn;

    /// <summary>The stack's shared handler, created on first use.</summary>
    public static SharedHandler GetOrCreate(IConstruct scope)
    {
        var stack = Stack.Of(scope);
        return stack.Node.TryFindChild(ConstructId) as SharedHandler ?? new SharedHandler(stack);
    }

    /// <summary>Extends the role's EMR permissions to one more studio (once per distinct id or token).</summary>
    public void AllowStudio(string studioId)
    {
        if (!_studioIds.Add(studioId))
        {
            return;
        }

        _studioStatement.AddResources(Stack.Of(this).FormatArn(new ArnComponents
        {
            Service = "elasticmapreduce",
            Resource = "studio",
            ResourceName = studioId,
            ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
        }));
    }
}
