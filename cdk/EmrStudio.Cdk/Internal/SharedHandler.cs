using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using CfnRuleProps = Amazon.CDK.AWS.Events.CfnRuleProps;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The stack's one shared handler, which every <see cref="StudioSessionMapping"/> in it uses: the function, its role,
/// its log group, its event invoke configuration, its record table and its reconcile schedule.
/// </summary>
/// <remarks>
/// The first mapping creates it with the defaults; the first mapping that gives options applies them, whichever
/// mapping came first, since a stack's mappings may be defined in any order. The L1 properties the options change are
/// set directly: the L2 constructs take theirs only when they are created.
/// </remarks>
internal sealed class SharedHandler : Construct
{
    /// <summary>The fixed construct id under the stack by which the singleton is found (and on which the logical ids rest).</summary>
    public const string ConstructId = "EmrStudioSessionMappingHandler";

    private const string ReconcileRuleId = "ReconcileSchedule";
    private const string ReconcilePermissionId = "ReconcileInvokePermission";

    private readonly MappingRegistry _mappings = new();
    private HandlerSettings _settings = HandlerSettings.Defaults;
    private string? _settingsPath;

    private SharedHandler(Stack stack)
        : base(stack, ConstructId)
    {
        LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        // The desired-state record, as template.yaml declares it (an L1, so that both deploy the same table). Unnamed:
        // a name would stop a replacement and a second stack of the handler in the account and region.
        RecordTable = new CfnTable(this, "RecordTable", new CfnTableProps
        {
            BillingMode = "PAY_PER_REQUEST",
            AttributeDefinitions = new[] { new CfnTable.AttributeDefinitionProperty { AttributeName = HandlerDefaults.RecordTablePartitionKey, AttributeType = "S" } },
            KeySchema = new[] { new CfnTable.KeySchemaProperty { AttributeName = HandlerDefaults.RecordTablePartitionKey, KeyType = "HASH" } },
            PointInTimeRecoverySpecification = new CfnTable.PointInTimeRecoverySpecificationProperty { PointInTimeRecoveryEnabled = true },
            SseSpecification = new CfnTable.SSESpecificationProperty { SseEnabled = true },
            TimeToLiveSpecification = new CfnTable.TimeToLiveSpecificationProperty { AttributeName = HandlerDefaults.RecordTableTimeToLiveAttribute, Enabled = true },
        });

        // An explicit role with one inline policy and no AWS managed policy (the basic execution role grants logs on
        // "*"); inline so that the permissions exist before the function, hence before any mapping, is created.
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "Runs the EMR Studio session mapping custom resource handler.",
        });

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = "CloudFormation custom resource handler for Custom::EmrStudioSessionMapping.",
            Runtime = new Runtime(HandlerDefaults.Runtime, RuntimeFamily.OTHER),
            Architecture = Architecture.Custom(HandlerDefaults.Architecture),
            Handler = HandlerDefaults.Handler,
            // A StackSet's member stack takes the code from its region's code bucket: it has no CDK assets.
            Code = (stack as StackSetMemberStack)?.HandlerCode ?? Code.FromAsset(HandlerAsset.FindDirectory()),
            Timeout = Duration.Seconds(HandlerDefaults.TimeoutSeconds),
            Role = Role,
            LogGroup = LogGroup,
            RetryAttempts = HandlerDefaults.MaximumRetryAttempts,
            MaxEventAge = Duration.Seconds(HandlerDefaults.MaximumEventAgeSeconds),
        });
        // The Function construct adds DependsOn its role, which the GetAtt of the role's ARN already implies (the
        // policies are inline, there is no separate policy to wait for): drop it so that the template lints clean.
        ((CfnResource)Function.Node.DefaultChild!).AddDeletionOverride("DependsOn");
        // Created by the Function for RetryAttempts and MaxEventAge, under this id (kept: a new logical id would
        // replace it, and Lambda refuses a second configuration for the same function while the first exists).
        InvokeConfig = Function.Node.FindChild("EventInvokeConfig");
        Function.AddEnvironment(HandlerDefaults.RecordTableVariable, RecordTable.Ref);

        Render();
    }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    /// <summary>The desired-state record: one item per mapping resource.</summary>
    public CfnTable RecordTable { get; }

    /// <summary>The EventBridge rule that invokes the reconcile, or null when the mode is off.</summary>
    public CfnRule? ReconcileRule => Node.TryFindChild(ReconcileRuleId) as CfnRule;

    /// <summary>The function's <c>AWS::Lambda::EventInvokeConfig</c>: every mapping waits for it, so no event is ever retried.</summary>
    public IConstruct InvokeConfig { get; }

    /// <summary>The custom resources' <c>ServiceToken</c>: the function's ARN.</summary>
    public string ServiceToken => Function.FunctionArn;

    /// <summary>The stack's shared handler, created on first use.</summary>
    public static SharedHandler GetOrCreate(IConstruct scope)
    {
        var stack = Stack.Of(scope);
        return stack.Node.TryFindChild(ConstructId) as SharedHandler ?? new SharedHandler(stack);
    }

    /// <summary>
    /// Applies the options that the mapping at <paramref name="path"/> gives; the same options again change nothing,
    /// different ones fail, naming both mappings.
    /// </summary>
    public void Configure(HandlerSettings settings, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_settingsPath is not null)
        {
            var differences = settings.Differences(_settings);
            if (differences.Count > 0)
            {
                throw Validation.Error(path, "HandlerOptions",
                    $"differ from those that '{_settingsPath}' gave the stack's shared handler (in {string.Join(", ", differences)}): " +
                    "a stack has one handler, so give its mappings the same HandlerOptions, or give them to one mapping only.");
            }

            return;
        }

        _mappings.CheckStudiosAllowed(settings.StudioIds, path);
        _settings = settings;
        _settingsPath = path;
        Render();
        foreach (var (key, value) in settings.Tags)
        {
            Tags.Of(this).Add(key, value);
        }

        if (settings.TrustedStackAccounts.Count > 0)
        {
            Function.AddEnvironment(HandlerDefaults.TrustedStackAccountsVariable, string.Join(",", settings.TrustedStackAccounts));
        }

        if (settings.StackStatusRoleName is { } roleName)
        {
            Function.AddEnvironment(HandlerDefaults.StackStatusRoleNameVariable, roleName);
        }
    }

    /// <summary>Records a mapping, refusing a second one for the same principal or one on a studio the role may not touch.</summary>
    public void AddMapping(string path, MappingKey key)
    {
        _mappings.Add(path, key);
        if (_settingsPath is not null && key.LiteralStudioId is { } studioId)
        {
            MappingRegistry.CheckStudioAllowed(studioId, path, _settings.StudioIds, _settingsPath);
        }
    }

    /// <summary>Writes the current settings into the L1 resources.</summary>
    private void Render()
    {
        var role = (CfnRole)Role.Node.DefaultChild!;
        role.Policies = new[] { new CfnRole.PolicyProperty { PolicyName = HandlerPolicy.PolicyName, PolicyDocument = HandlerPolicy.Document(_settings, LogGroup.LogGroupArn, RecordTable.AttrArn) } };
        role.PermissionsBoundary = _settings.PermissionsBoundaryArn;
        role.Path = _settings.RolePath;
        role.AddMetadata(NagSuppressions.MetadataKey, NagSuppressions.ForRole(_settings));

        var function = (CfnFunction)Function.Node.DefaultChild!;
        function.MemorySize = _settings.MemorySize;
        function.LoggingConfig = new CfnFunction.LoggingConfigProperty
        {
            LogFormat = HandlerDefaults.LogFormat,
            ApplicationLogLevel = _settings.LogLevel,
            SystemLogLevel = HandlerDefaults.SystemLogLevel,
            LogGroup = LogGroup.LogGroupName,
        };
        function.VpcConfig = _settings.InVpc
            ? new CfnFunction.VpcConfigProperty { SubnetIds = [.. _settings.SubnetIds], SecurityGroupIds = [.. _settings.SecurityGroupIds] }
            : null;

        var logGroup = (CfnLogGroup)LogGroup.Node.DefaultChild!;
        logGroup.RetentionInDays = _settings.LogRetentionDays;
        logGroup.ApplyRemovalPolicy(_settings.LogRemovalPolicy);

        RecordTable.ApplyRemovalPolicy(_settings.RecordTableRemovalPolicy);
        Function.AddEnvironment(HandlerDefaults.ReconcileModeVariable, _settings.ReconcileModeVariable);
        RenderSchedule();
    }

    /// <summary>
    /// The reconcile schedule: the same function, invoked by EventBridge with a fixed event it tells apart from
    /// CloudFormation's. Off means no rule and no permission at all.
    /// </summary>
    private void RenderSchedule()
    {
        if (_settings.ReconcileMode == ReconcileMode.Off)
        {
            Node.TryRemoveChild(ReconcilePermissionId);
            Node.TryRemoveChild(ReconcileRuleId);
            return;
        }

        if (ReconcileRule is { } existing)
        {
            existing.ScheduleExpression = _settings.ReconcileSchedule;
            return;
        }

        var rule = new CfnRule(this, ReconcileRuleId, new CfnRuleProps
        {
            Description = "Reconciles the EMR Studio session mappings with their recorded desired state.",
            ScheduleExpression = _settings.ReconcileSchedule,
            State = "ENABLED",
            Targets = new[] { new CfnRule.TargetProperty { Id = "Handler", Arn = Function.FunctionArn, Input = HandlerDefaults.ReconcileInput } },
        });
        _ = new CfnPermission(this, ReconcilePermissionId, new CfnPermissionProps
        {
            FunctionName = Function.FunctionArn,
            Action = "lambda:InvokeFunction",
            Principal = "events.amazonaws.com",
            SourceArn = rule.AttrArn,
        });
    }
}
