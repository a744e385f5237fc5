namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>What one reconcile run found and did.</summary>
internal sealed class ReconcileTally
{
    /// <summary>Records whose mapping EMR was asked about and answered.</summary>
    public int MappingsChecked { get; set; }

    /// <summary>Missing mappings and changed policies found.</summary>
    public int DriftFound { get; set; }

    public int DriftRepaired { get; set; }

    /// <summary>Drift that could not be repaired (EMR refused, or the studio or principal is gone).</summary>
    public int RepairFailed { get; set; }

    /// <summary>Mappings that no active record covers, per studio; filled when the run completes a pass of the table.</summary>
    public Dictionary<string, int> UnmanagedByStudio { get; } = new(StringComparer.Ordinal);

    public int Unmanaged => UnmanagedByStudio.Values.Sum();

    /// <summary>Whether the unmanaged mappings were counted in this run.</summary>
    public bool UnmanagedCounted { get; set; }

    /// <summary>Records of stacks with an operation in progress, left alone.</summary>
    public int SkippedInProgress { get; set; }

    /// <summary>Records of stacks in a status other than settled or in progress (a failed rollback, say), left alone.</summary>
    public int SkippedUnsettled { get; set; }

    /// <summary>Records of stacks the handler cannot ask about (another account without a role), left alone.</summary>
    public int SkippedUnreadableStack { get; set; }

    /// <summary>Records of stacks that no longer exist: dropped (repair) or only reported (report).</summary>
    public int RecordsOfGoneStacks { get; set; }

    /// <summary>Records whose check failed (throttled past its time, a server error): first in the next run.</summary>
    public int CheckFailed { get; set; }

    /// <summary>Records the run had no time for: next in the next run.</summary>
    public bool Unfinished { get; set; }

    /// <summary>Whether the run reached the end of the table.</summary>
    public bool PassCompleted { get; set; }
}
