namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// How an operation, and each account and region in it, ended, as CloudFormation spells it (the per-instance results
/// and the stack instances' detailed status use the same words).
/// </summary>
public static class StackSetOperationStatuses
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";

    /// <summary>Not attempted: the failure tolerance was exceeded in its region, or in a region before it.</summary>
    public const string Cancelled = "CANCELLED";
}
