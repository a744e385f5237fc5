namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>How failures bear on an operation's concurrency within a region.</summary>
public enum ConcurrencyMode
{
    /// <summary>
    /// CloudFormation's default: at most FailureTolerance + 1 accounts at once, fewer as failures come, so that the
    /// failures in a region never exceed FailureTolerance + 1.
    /// </summary>
    StrictFailureTolerance,

    /// <summary>The maximum concurrency whatever fails; the region still stops once failures exceed the tolerance.</summary>
    SoftFailureTolerance,
}
