namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>What a stack's status says about whether its resources may be touched from outside CloudFormation.</summary>
internal static class StackStatuses
{
    public const string UpdateRollbackInProgress = "UPDATE_ROLLBACK_IN_PROGRESS";
    public const string DeleteComplete = "DELETE_COMPLETE";

    /// <summary>CloudFormation is changing the stack: anything done to its resources now could fight it.</summary>
    public static bool IsInProgress(string status) => status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal);

    /// <summary>The stack settled with its resources as its template declares them.</summary>
    public static bool IsSettled(string status) =>
        status is "CREATE_COMPLETE" or "UPDATE_COMPLETE" or "UPDATE_ROLLBACK_COMPLETE" or "IMPORT_COMPLETE" or "IMPORT_ROLLBACK_COMPLETE";

    /// <summary>The stack no longer exists (DescribeStacks by id keeps deleted stacks for a while, as DELETE_COMPLETE).</summary>
    public static bool IsGone(string? status) => status is null or DeleteComplete;
}
