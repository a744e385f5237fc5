namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>What a stack's status allows the reconcile run to do with its records.</summary>
internal enum StackVerdict
{
    /// <summary>Settled with its resources as declared: its mappings are checked and repaired.</summary>
    Settled,

    /// <summary>CloudFormation is changing it: its records are left alone, so that the run never fights it.</summary>
    InProgress,

    /// <summary>Neither settled nor changing (a failed rollback, a failed create): left alone until someone acts.</summary>
    Unsettled,

    /// <summary>The stack no longer exists: its records are dropped, and EMR is not touched.</summary>
    Gone,

    /// <summary>The handler cannot ask CloudFormation about it (another account, no role there).</summary>
    Unreadable,
}
