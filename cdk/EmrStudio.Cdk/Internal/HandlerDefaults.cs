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

    /// <summary>EMR actions, granted only on the studios the mappings use.</summary>
    public static IReadOnlyList<string> StudioActions { get; } =
    [
        "elasticmapreduce:CreateStudioSessionMapping",
        "elasticmapreduce:GetStudioSessionMapping",
        "elasticmapreduce:UpdateStudioSessionMapping",
        "elasticmapreduce:DeleteStudioSessionMapping",
    ];

    /// <summary>IAM Identity Center actions that EMR performs on the caller's behalf; their APIs take no resource, so they are granted on <c>*</c>.</summary>
    public static IReadOnlyList<string> IdentityCenterActions { get; } =
    [
        "sso:GetManagedApplicationInstance",
        "sso:DescribeInstance",
        "sso:ListInstances",
        "sso:CreateApplicationAssignment",
        "sso:GetProfile",
        "sso:ListProfiles",
        "sso:AssociateProfile",
        "sso:DisassociateProfile",
        "sso:ListDirectoryAssociations",
        "sso-directory:SearchUsers",
        "sso-directory:SearchGroups",
        "sso-directory:DescribeUser",
        "sso-directory:DescribeGroup",
        "organizations:DescribeOrganization",
    ];
}
