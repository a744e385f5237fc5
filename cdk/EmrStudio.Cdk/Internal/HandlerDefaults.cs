namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The handler function's settings and permissions, in one place: the construct deploys them and the tests check
/// <c>template.yaml</c> against them, so the CDK and the raw-template deployments cannot drift apart.
/// </summary>
internal static class HandlerDefaults
{
    /// <summary>The custom resource type both deployments use.</summary>
    public const string ResourceType = "Custom::EmrStudioSessionMapping";

    public const string Runtime = "provided.al2023";

    public const string Handler = "bootstrap";

    public const string Architecture = "x86_64";

    public const int MemorySizeMb = 128;

    /// <summary>The function's timeout; the handler answers CloudFormation before it, keeping a margin for the PUT.</summary>
    public const int TimeoutSeconds = 120;

    /// <summary>Lambda must not re-run an event: CloudFormation already has its one answer, or will get a FAILED.</summary>
    public const int MaximumRetryAttempts = 0;

    public const int LogRetentionDays = 30;

    /// <summary>How long CloudFormation waits for an answer before failing the resource (instead of the default hour).</summary>
    public const int ServiceTimeoutSeconds = 300;

    /// <summary>
    /// How long Lambda keeps a queued event: no longer than CloudFormation waits for its answer, since an event that
    /// arrives after CloudFormation gave up would act for a stack that has moved on.
    /// </summary>
    public const int MaximumEventAgeSeconds = ServiceTimeoutSeconds;

    /// <summary>Lambda's log format: JSON, so that Lambda filters the handler's lines by their <c>level</c>.</summary>
    public const string LogFormat = "JSON";

    /// <summary>The lowest level of the handler's own lines that reach the log group (Lambda sets <c>AWS_LAMBDA_LOG_LEVEL</c> from it).</summary>
    public const string ApplicationLogLevel = "INFO";

    /// <summary>The lowest level of the Lambda runtime's own lines (START, END, REPORT are INFO): only its warnings and errors.</summary>
    public const string SystemLogLevel = "WARN";

    /// <summary>The variable that lists, comma-separated, the other accounts whose stacks the handler serves.</summary>
    public const string TrustedStackAccountsVariable = "EMRSTUDIO_TRUSTED_STACK_ACCOUNTS";

    /// <summary>The variable that names the record table, where the handler keeps each resource's desired state.</summary>
    public const string RecordTableVariable = "EMRSTUDIO_RECORD_TABLE";

    /// <summary>The variable that says what a reconcile run does about drift: <c>repair</c> or <c>report</c>.</summary>
    public const string ReconcileModeVariable = "EMRSTUDIO_RECONCILE_MODE";

    /// <summary>The variable that names the role the handler assumes in another account to ask about that account's stacks.</summary>
    public const string StackStatusRoleNameVariable = "EMRSTUDIO_STACK_STATUS_ROLE_NAME";

    /// <summary>The record table's partition key (a string): <c>&lt;StackId&gt;|&lt;LogicalResourceId&gt;</c>.</summary>
    public const string RecordTablePartitionKey = "pk";

    /// <summary>The record table's time-to-live attribute (epoch seconds), set on tombstones only.</summary>
    public const string RecordTableTimeToLiveAttribute = "ExpiresAt";

    /// <summary>How often the schedule invokes a reconcile run, in minutes (<c>rate(1 hour)</c>).</summary>
    public const int ReconcileIntervalMinutes = 60;

    /// <summary>The schedule expression of the default interval.</summary>
    public const string ReconcileSchedule = "rate(1 hour)";

    /// <summary>What a reconcile run does by default: re-create missing mappings and set changed policies back.</summary>
    public const string ReconcileMode = "repair";

    /// <summary>
    /// The mode variable's value when no schedule exists: only a forged invocation could start a run, and then it
    /// changes nothing.
    /// </summary>
    public const string ReconcileModeWithoutSchedule = "report";

    /// <summary>The fixed event the schedule sends: the handler tells it from a custom-resource event by this member.</summary>
    public const string ReconcileInput = """{"EmrStudioSessionMappings":"Reconcile"}""";

    /// <summary>The name <see cref="StackStatusReaderRole"/> and examples/stack-status-reader-role.yaml give the role by default.</summary>
    public const string StackStatusReaderRoleName = "EmrStudioStackStatusReader";

    /// <summary>The session name of the handler's assumed role in another account (STS AssumeRole).</summary>
    public const string StackStatusRoleSessionName = "emrstudio-session-mapping";

    /// <summary>What CreateStudioSessionMapping needs: EMR resolves the principal and assigns it to the studio's Identity Center application.</summary>
    public static IReadOnlyList<string> CreateActions { get; } =
    [
        "elasticmapreduce:CreateStudioSessionMapping",
        "sso:GetProfile",
        "sso:ListDirectoryAssociations",
        "sso:ListProfiles",
        "sso:AssociateProfile",
        "sso-directory:SearchUsers",
        "sso-directory:SearchGroups",
        "sso-directory:DescribeUser",
        "sso-directory:DescribeGroup",
        "sso:ListInstances",
        "sso:CreateApplicationAssignment",
        "sso:DescribeInstance",
        "sso:GetManagedApplicationInstance",
        "organizations:DescribeOrganization",
        "organizations:ListDelegatedAdministrators",
    ];

    /// <summary>What GetStudioSessionMapping needs: EMR resolves the principal by name or id.</summary>
    public static IReadOnlyList<string> GetActions { get; } =
    [
        "elasticmapreduce:GetStudioSessionMapping",
        "sso-directory:SearchUsers",
        "sso-directory:SearchGroups",
        "sso-directory:DescribeUser",
        "sso-directory:DescribeGroup",
        "sso:DescribeApplication",
        "sso:GetManagedApplicationInstance",
        "sso:DescribeInstance",
    ];

    /// <summary>What an Update needs: it reads the mapping, then changes its session policy.</summary>
    public static IReadOnlyList<string> UpdateActions { get; } =
    [
        "elasticmapreduce:GetStudioSessionMapping",
        "elasticmapreduce:UpdateStudioSessionMapping",
        "sso-directory:SearchUsers",
        "sso-directory:SearchGroups",
        "sso-directory:DescribeUser",
        "sso-directory:DescribeGroup",
        "sso:DescribeApplication",
        "sso:DescribeInstance",
        "sso:GetManagedApplicationInstance",
    ];

    /// <summary>What a Delete needs: EMR removes the principal's assignment from the studio's Identity Center application.</summary>
    public static IReadOnlyList<string> DeleteActions { get; } =
    [
        "elasticmapreduce:GetStudioSessionMapping",
        "elasticmapreduce:DeleteStudioSessionMapping",
        "sso-directory:SearchUsers",
        "sso-directory:SearchGroups",
        "sso-directory:DescribeUser",
        "sso-directory:DescribeGroup",
        "sso:ListDirectoryAssociations",
        "sso:GetProfile",
        "sso:DescribeApplication",
        "sso:DescribeInstance",
        "sso:GetManagedApplicationInstance",
        "sso:ListProfiles",
        "sso:DisassociateProfile",
        "sso:DeleteApplicationAssignment",
        "sso:ListApplicationAssignments",
    ];

    /// <summary>The EMR actions of the four operations, granted on studios: the union, sorted.</summary>
    public static IReadOnlyList<string> StudioActions { get; } = Union(a => a.StartsWith("elasticmapreduce:", StringComparison.Ordinal));

    /// <summary>
    /// The IAM Identity Center and Organizations actions that EMR performs on the caller's behalf, the union of the
    /// four operations, sorted: their APIs take no resource, so they are granted on <c>*</c>.
    /// </summary>
    public static IReadOnlyList<string> IdentityCenterActions { get; } = Union(a => !a.StartsWith("elasticmapreduce:", StringComparison.Ordinal));

    /// <summary>The handler asks CloudFormation whether the event's stack is rolling back before it restores an existing mapping.</summary>
    public static IReadOnlyList<string> StackStatusActions { get; } = ["cloudformation:DescribeStacks"];

    /// <summary>
    /// The handler finds a studio by its name (StudioName) and counts the mappings no record covers (reconcile). These
    /// EMR actions take no resource, so they are granted on <c>*</c>.
    /// </summary>
    public static IReadOnlyList<string> StudioListActions { get; } = ["elasticmapreduce:ListStudios", "elasticmapreduce:ListStudioSessionMappings"];

    /// <summary>What the handler does with its record table, on that table only.</summary>
    public static IReadOnlyList<string> RecordActions { get; } = ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"];

    /// <summary>
    /// For a stack of another trusted account, the handler assumes that account's stack status role (when one is
    /// named), granted on that role name in the trusted accounts only.
    /// </summary>
    public static IReadOnlyList<string> StackStatusRoleActions { get; } = ["sts:AssumeRole"];

    /// <summary>The handler writes its own log group, nothing else.</summary>
    public static IReadOnlyList<string> LogActions { get; } = ["logs:CreateLogStream", "logs:PutLogEvents"];

    /// <summary>
    /// What Lambda needs to attach a function to a VPC (the actions of AWSLambdaVPCAccessExecutionRole, granted inline):
    /// the network interfaces are created and described before any of them exists, so on <c>*</c>.
    /// </summary>
    public static IReadOnlyList<string> VpcNetworkInterfaceActions { get; } =
    [
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    ];

    private static string[] Union(Func<string, bool> include) =>
        [.. new[] { CreateActions, GetActions, UpdateActions, DeleteActions }.SelectMany(a => a).Where(include).Distinct().Order(StringComparer.Ordinal)];
}
