namespace EmrStudio.Cdk;

/// <summary>
/// How fast a StackSet operation goes and how many failures it tolerates per region. They apply to the StackSet's
/// explicit operations (its creation, updates, added targets), not to automatic deployments to joining accounts.
/// Every member is optional; unset members keep CloudFormation's defaults (one account at a time, no failure
/// tolerated, regions in sequence).
/// </summary>
public sealed class StackSetOperationPreferences
{
    /// <summary>The most accounts per region acted on at once; default CloudFormation's (1). Not with <see cref="MaxConcurrentPercentage"/>.</summary>
    public int? MaxConcurrentCount { get; init; }

    /// <summary>The most accounts per region acted on at once, as a percentage (1 to 100) of the targets; default none. Not with <see cref="MaxConcurrentCount"/>.</summary>
    public int? MaxConcurrentPercentage { get; init; }

    /// <summary>How many accounts may fail per region before the operation stops there; default CloudFormation's (0). Not with <see cref="FailureTolerancePercentage"/>.</summary>
    public int? FailureToleranceCount { get; init; }

    /// <summary>The same as a percentage (0 to 100) of the targets; default none. Not with <see cref="FailureToleranceCount"/>.</summary>
    public int? FailureTolerancePercentage { get; init; }

    /// <summary>The order of the regions in a sequential operation, each one of the StackSet's regions; default CloudFormation's.</summary>
    public IReadOnlyList<string>? RegionOrder { get; init; }

    /// <summary>Regions one after the other or all at once; default CloudFormation's (<see cref="StackSetRegionConcurrency.Sequential"/>).</summary>
    public StackSetRegionConcurrency? RegionConcurrency { get; init; }

    /// <summary>How the concurrency follows failures; default CloudFormation's (<see cref="StackSetConcurrencyMode.StrictFailureTolerance"/>).</summary>
    public StackSetConcurrencyMode? ConcurrencyMode { get; init; }
}
