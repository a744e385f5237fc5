namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>What a reconcile run does about drift.</summary>
internal enum ReconcileMode
{
    /// <summary>Re-creates missing mappings and sets changed policies back.</summary>
    Repair,

    /// <summary>Reports drift and changes nothing (no mapping, no record).</summary>
    Report,
}
