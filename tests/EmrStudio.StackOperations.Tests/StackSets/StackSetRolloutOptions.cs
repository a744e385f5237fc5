using EmrStudio.Testing.Stacks.StackSets;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>The size of a rollout's organization, what it deploys, and how its operations proceed.</summary>
public sealed record StackSetRolloutOptions
{
    /// <summary>The published bootstrap every account's handler function runs.</summary>
    public required string BootstrapExecutable { get; init; }

    public required StackSetMember Member { get; init; }

    /// <summary>Member accounts in the targeted OU at the start.</summary>
    public int Accounts { get; init; } = 4;

    /// <summary>The regions, in the order operations take them; the outage scenario's EMR is down in the second.</summary>
    public IReadOnlyList<string> Regions { get; init; } = ["us-east-1", "eu-west-1"];

    /// <summary>
    /// Half the accounts of a region at once, a quarter of them may fail; in RegionOrder. With strict failure
    /// tolerance that is at most a quarter plus one at once.
    /// </summary>
    public StackSetOperationPreferences? Preferences { get; init; }

    /// <summary>
    /// Every invocation's deadline: what a handler facing an EMR that is down spends retrying before it answers
    /// FAILED. A healthy invocation needs a small fraction of it.
    /// </summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Hears each step and each scenario's outcome.</summary>
    public Action<string>? Log { get; init; }
}
