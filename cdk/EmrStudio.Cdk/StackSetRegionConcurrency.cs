namespace EmrStudio.Cdk;

/// <summary>Whether a StackSet operation deploys to its regions one after the other or all at once.</summary>
public enum StackSetRegionConcurrency
{
    /// <summary>One region at a time, in <see cref="StackSetOperationPreferences.RegionOrder"/> (<c>SEQUENTIAL</c>).</summary>
    Sequential,

    /// <summary>All regions at once (<c>PARALLEL</c>).</summary>
    Parallel,
}
