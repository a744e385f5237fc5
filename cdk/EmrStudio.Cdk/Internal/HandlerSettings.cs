using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The shared handler's effective settings: <see cref="StudioSessionMappingHandlerOptions"/> validated, with the
/// defaults of <see cref="HandlerDefaults"/> filled in, and reduced to strings and numbers so that two option sets
/// compare by what they would deploy, not by object identity.
/// </summary>
internal sealed class HandlerSettings
{
    private HandlerSettings()
    {
    }

    /// <summary>What a stack gets when no mapping gives options.</summary>
    public static HandlerSettings Defaults { get; } = new();

    public int MemorySize { get; private init; } = HandlerDefaults.MemorySizeMb;

    /// <summary>The log group's retention in days, or <see langword="null"/> to keep events forever.</summary>
    public int? LogRetentionDays { get; private init; } = HandlerDefaults.LogRetentionDays;

    public RemovalPolicy LogRemovalPolicy { get; private init; } = RemovalPolicy.DESTROY;

    public string LogLevel { get; private init; } = HandlerDefaults.ApplicationLogLevel;

    public string? PermissionsBoundaryArn { get; private init; }

    public string? RolePath { get; private init; }

    /// <summary>The tags, sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; private init; } = [];

    public IReadOnlyList<string> SubnetIds { get; private init; } = [];

    public IReadOnlyList<string> SecurityGroupIds { get; private init; } = [];

    public bool InVpc => SubnetIds.Count > 0;

    /// <summary>The studio ids the role is limited to, or none for every studio of the account and region.</summary>
    public IReadOnlyList<string> StudioIds { get; private init; } = [];

    public IReadOnlyList<string> TrustedStackAccounts { get; private init; } = [];

    /// <summary>The role the handler assumes in a trusted account to ask about that account's stacks, or none.</summary>
    public string? StackStatusRoleName { get; private init; }

    /// <summary>The reconcile schedule's expression, such as <c>rate(1 hour)</c>.</summary>
    public string ReconcileSchedule { get; private init; } = HandlerDefaults.ReconcileSchedule;

    public ReconcileMode ReconcileMode { get; private init; } = ReconcileMode.Repair;

    /// <summary>The value of the handler's mode variable: <c>repair</c> or <c>report</c> (also when no schedule exists).</summary>
    public string ReconcileModeVariable => ReconcileMode == ReconcileMode.Repair ? HandlerDefaults.ReconcileMode : HandlerDefaults.ReconcileModeWithoutSchedule;

    public RemovalPolicy RecordTableRemovalPolicy { get; private init; } = RemovalPolicy.RETAIN;

    /// <summary>Validates <paramref name="options"/>; errors name <paramref name="path"/> and the option.</summary>
    public static HandlerSettings From(StudioSessionMappingHandlerOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        var subnets = options.VpcSubnets ?? [];
        var securityGroups = options.SecurityGroups ?? [];
        if (subnets.Count > 0 != securityGroups.Count > 0)
        {
            throw Validation.Error(path, "HandlerOptions.SecurityGroups", "and HandlerOptions.VpcSubnets go together: give both to run the handler in a VPC, or neither.");
        }

        return new HandlerSettings
        {
            MemorySize = HandlerOptionsValidation.MemorySize(path, options.MemorySize ?? HandlerDefaults.MemorySizeMb),
            LogRetentionDays = options.LogRetention is { } retention ? RetentionDaysConverter.ToDays(retention) : HandlerDefaults.LogRetentionDays,
            LogRemovalPolicy = HandlerOptionsValidation.LogRemovalPolicy(path, options.LogRemovalPolicy ?? RemovalPolicy.DESTROY),
            LogLevel = (options.LogLevel ?? ApplicationLogLevel.INFO).ToString(),
            PermissionsBoundaryArn = options.PermissionsBoundary?.ManagedPolicyArn,
            RolePath = options.RolePath is { } rolePath ? HandlerOptionsValidation.RolePath(path, rolePath) : null,
            Tags = [.. (options.Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal)],
            SubnetIds = [.. subnets.Select(s => s.SubnetId)],
            SecurityGroupIds = [.. securityGroups.Select(g => g.SecurityGroupId)],
            StudioIds = [.. (options.Studios ?? []).Select(s => HandlerOptionsValidation.ListedStudioId(path, s))],
            TrustedStackAccounts = [.. (options.TrustedStackAccounts ?? []).Select(a => HandlerOptionsValidation.AccountId(path, a))],
            StackStatusRoleName = options.StackStatusRoleName is { } roleName ? HandlerOptionsValidation.StackStatusRoleName(path, roleName) : null,
            ReconcileSchedule = options.ReconcileInterval is { } interval ? HandlerOptionsValidation.ReconcileSchedule(path, interval) : HandlerDefaults.ReconcileSchedule,
            ReconcileMode = options.ReconcileMode ?? ReconcileMode.Repair,
            RecordTableRemovalPolicy = HandlerOptionsValidation.RecordTableRemovalPolicy(path, options.RecordTableRemovalPolicy ?? RemovalPolicy.RETAIN),
        };
    }

    /// <summary>The names of the options whose values differ between the two, for an error message.</summary>
    public IReadOnlyList<string> Differences(HandlerSettings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        void Compare<T>(string name, IEnumerable<T> mine, IEnumerable<T> theirs)
        {
            if (!mine.SequenceEqual(theirs))
            {
                differences.Add(name);
            }
        }

        Compare(nameof(StudioSessionMappingHandlerOptions.MemorySize), [MemorySize], [other.MemorySize]);
        Compare(nameof(StudioSessionMappingHandlerOptions.LogRetention), [LogRetentionDays], [other.LogRetentionDays]);
        Compare(nameof(StudioSessionMappingHandlerOptions.LogRemovalPolicy), [LogRemovalPolicy], [other.LogRemovalPolicy]);
        Compare(nameof(StudioSessionMappingHandlerOptions.LogLevel), [LogLevel], [other.LogLevel]);
        Compare(nameof(StudioSessionMappingHandlerOptions.PermissionsBoundary), [PermissionsBoundaryArn], [other.PermissionsBoundaryArn]);
        Compare(nameof(StudioSessionMappingHandlerOptions.RolePath), [RolePath], [other.RolePath]);
        Compare(nameof(StudioSessionMappingHandlerOptions.Tags), Tags, other.Tags);
        Compare(nameof(StudioSessionMappingHandlerOptions.VpcSubnets), SubnetIds, other.SubnetIds);
        Compare(nameof(StudioSessionMappingHandlerOptions.SecurityGroups), SecurityGroupIds, other.SecurityGroupIds);
        Compare(nameof(StudioSessionMappingHandlerOptions.Studios), StudioIds, other.StudioIds);
        Compare(nameof(StudioSessionMappingHandlerOptions.TrustedStackAccounts), TrustedStackAccounts, other.TrustedStackAccounts);
        Compare(nameof(StudioSessionMappingHandlerOptions.StackStatusRoleName), [StackStatusRoleName], [other.StackStatusRoleName]);
        Compare(nameof(StudioSessionMappingHandlerOptions.ReconcileInterval), [ReconcileSchedule], [other.ReconcileSchedule]);
        Compare(nameof(StudioSessionMappingHandlerOptions.ReconcileMode), [ReconcileMode], [other.ReconcileMode]);
        Compare(nameof(StudioSessionMappingHandlerOptions.RecordTableRemovalPolicy), [RecordTableRemovalPolicy], [other.RecordTableRemovalPolicy]);
        return differences;
    }
}
